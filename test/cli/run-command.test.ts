import assert from "node:assert/strict";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { runCli, startCli } from "../helpers/run-cli.js";
import { scriptedModelPath } from "../helpers/test-models.js";

const REPLY = "<think>\nLet me add: 2+2=4.</think>\n\nThe answer is \\boxed{4}.";
let model: string;
let home: string;

before(async () => {
  model = await scriptedModelPath({ reply: REPLY });
  home = await mkdtemp(join(tmpdir(), "deepthink-cli-"));
});

const env = () => ({ DEEPTHINK_HOME: home });

describe("deepthink run", () => {
  test("prints the answer on stdout and the reasoning on stderr", async () => {
    const r = await runCli(["run", model, "What is 2+2?", "--threads", "1"], { env: env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "The answer is \\boxed{4}.\n");
    assert.equal(r.stderr, "Let me add: 2+2=4.\n");
  });

  test("--hide-thinking prints the answer alone", async () => {
    const r = await runCli(["run", model, "hi", "--threads", "1", "--hide-thinking"], { env: env() });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "The answer is \\boxed{4}.\n");
    assert.equal(r.stderr, "");
  });

  test("--json gives reasoning, content, token counts and timings", async () => {
    const r = await runCli(["run", model, "hi", "--threads", "1", "--json", "--seed", "3"], { env: env() });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.reasoning, "Let me add: 2+2=4.");
    assert.equal(out.content, "The answer is \\boxed{4}.");
    assert.equal(out.finish_reason, "stop");
    assert.ok(out.usage.prompt_tokens > 0);
    assert.ok(out.usage.reasoning_tokens > 0 && out.usage.reasoning_tokens < out.usage.completion_tokens);
    assert.ok(out.timings.tokens_per_second > 0);
    assert.ok(out.timings.time_to_first_token_ms >= 0);
  });

  test("--thinking off gives no reasoning", async () => {
    const r = await runCli(["run", model, "hi", "--threads", "1", "--thinking", "off", "--json"], {
      env: env(),
    });
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.reasoning, "");
    assert.equal(out.content, "The answer is \\boxed{4}.");
    assert.equal(out.usage.reasoning_tokens, 0);
  });

  test("reads the prompt from stdin when none is given", async () => {
    const r = await runCli(["run", model, "--threads", "1", "--hide-thinking"], {
      env: env(),
      input: "What is 2+2?\n",
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, "The answer is \\boxed{4}.\n");
  });

  test("a temperature outside the recommended range is honoured with a warning", async () => {
    const r = await runCli(
      ["run", model, "hi", "--threads", "1", "--temperature", "1.2", "--hide-thinking"],
      { env: env() },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^warning: .*temperature.*0\.5.*0\.7/m);
  });

  test("Ctrl-C stops a generation and exits 130", async () => {
    const long = await scriptedModelPath({ reply: `<think>\n${"thinking hard ".repeat(150)}</think>done` });
    const { child, done } = startCli(["run", long, "hi", "--threads", "1", "--ctx", "4096"], { env: env() });
    // wait for the reasoning to start streaming, then interrupt
    await new Promise<void>((resolve) => child.stderr?.once("data", () => resolve()));
    child.kill("SIGINT");
    const r = await done;
    assert.equal(r.code, 130, r.stderr);
    assert.match(r.stderr, /\(stopped\)/);
    assert.equal(r.stdout, "");
  });
});

describe("deepthink run: bad arguments give one clear line and a non-zero exit", () => {
  const cases: Array<{ name: string; args: () => string[]; pattern: RegExp; code: number }> = [
    {
      name: "unknown alias",
      args: () => ["run", "r1-distil-qwen-1.5", "hi"],
      pattern: /^error: Unknown model.*\nhint: .*\n$/,
      code: 1,
    },
    {
      name: "missing file",
      args: () => ["run", "./no-such-model.gguf", "hi"],
      pattern: /^error: No such model file/,
      code: 1,
    },
    {
      name: "bad number",
      args: () => ["run", model, "hi", "--max-tokens", "lots"],
      pattern: /^error: option '--max-tokens <n>' argument 'lots' is invalid/,
      code: 2,
    },
    {
      name: "bad thinking mode",
      args: () => ["run", model, "hi", "--thinking", "maybe"],
      pattern: /--thinking/,
      code: 2,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const r = await runCli(c.args(), { env: env() });
      assert.equal(r.code, c.code, r.stderr);
      assert.match(r.stderr, c.pattern);
      assert.doesNotMatch(r.stderr, /\n\s+at /, "no stack trace");
    });
  }

  test("a file that is not GGUF, a truncated GGUF and a GGUF that is not a model", async () => {
    const dir = await mkdtemp(join(tmpdir(), "deepthink-bad-"));
    const notGguf = join(dir, "notes.gguf");
    await writeFile(notGguf, "just some text, not a model\n");
    const truncated = join(dir, "truncated.gguf");
    await writeFile(truncated, (await readFile(model)).subarray(0, 4000));
    const vocabOnly = join(dir, "vocab-only.gguf");
    const made = await runCli(["test-model", "--out", vocabOnly, "--header-only"], { env: env() });
    assert.equal(made.code, 0, made.stderr);
    for (const file of [notGguf, truncated, vocabOnly]) {
      const r = await runCli(["run", file, "hi", "--threads", "1"], { env: env() });
      assert.equal(r.code, 1, `${file}: ${r.stderr}`);
      assert.match(r.stderr, /^error: .+\n(hint: .+\n)?$/, file);
    }
  });
});

describe("deepthink chat", () => {
  test("multi-turn chat with /think off, /save and /reset; reasoning stays out of the saved history", async () => {
    const saved = join(home, "chat.json");
    const input = ["What is 2+2?", "/think off", "And again?", `/save ${saved}`, "/reset", "/exit", ""].join(
      "\n",
    );
    const r = await runCli(["chat", model, "--threads", "1"], { env: env(), input });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout.split("The answer is \\boxed{4}.").length - 1, 2, r.stdout);
    assert.equal(r.stdout.split("Let me add").length - 1, 1, "thinking shown once: off for the second turn");
    assert.match(r.stderr, /tok\/s/);
    assert.match(r.stderr, /conversation cleared/);
    const transcript = JSON.parse(await readFile(saved, "utf8"));
    assert.equal(transcript.turns.length, 2);
    assert.equal(transcript.turns[0].reasoning, "Let me add: 2+2=4.");
    assert.equal(transcript.turns[1].reasoning, "");
  });
});
