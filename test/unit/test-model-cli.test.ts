import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { runTestModelCli } from "../../src/test-model/cli.js";

const dir = mkdtempSync(join(tmpdir(), "test-model-cli-"));
after(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runTestModelCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe("test-model CLI", () => {
  test("writes a scripted model and prints one JSON line", async () => {
    const out = join(dir, "nested", "scripted.gguf");
    const r = await run(
      "--out",
      out,
      "--reply",
      "<think>\nsum</think>\\boxed{4}",
      "--arch",
      "llama",
      "--ctx",
      "2048",
    );
    assert.equal(r.code, 0);
    assert.deepEqual(r.err, []);
    assert.equal(r.out.length, 1);
    const line = JSON.parse(r.out[0]!);
    assert.equal(line.path, out);
    assert.equal(line.bytes, statSync(out).size);
    assert.equal(line.architecture, "llama");
    assert.equal(line.weights, "scripted");
    assert.equal(line.contextLength, 2048);
    assert.equal(line.reply, "<think>\nsum</think>\\boxed{4}");
    assert.deepEqual(readdirSync(join(dir, "nested")), ["scripted.gguf"], "no temporary file left behind");
  });

  test("random weights without --reply; shape-alike header only", async () => {
    const random = await run("--out", join(dir, "random.gguf"), "--template", "none", "--seed", "9");
    assert.equal(JSON.parse(random.out[0]!).weights, "random");
    const shape = await run(
      "--out",
      join(dir, "s.gguf"),
      "--shape",
      "r1-distill-qwen-1.5b",
      "--quant",
      "Q8_0",
      "--header-only",
    );
    assert.equal(shape.code, 0);
    const line = JSON.parse(shape.out[0]!);
    assert.equal(line.quant, "q8_0");
    assert.equal(line.headerOnly, true);
    assert.equal(line.fullBytes, 1891986560);
  });

  const usageErrors: Array<[string[], RegExp]> = [
    [[], /--out <file.gguf> is required/],
    [["--out"], /--out needs a value/],
    [["--out", "x.gguf", "--frobnicate"], /unknown flag --frobnicate/],
    [["--out", "x.gguf", "extra"], /unexpected argument "extra"/],
    [["--out", "x.gguf", "--arch", "gpt2"], /--arch must be one of qwen2, llama, got "gpt2"/],
    [["--out", "x.gguf", "--template", "chatml"], /--template must be one of r1, r1-think, none/],
    [["--out", "x.gguf", "--seed", "-1"], /--seed needs a value|--seed must be an integer/],
    [["--out", "x.gguf", "--ctx", "1.5"], /--ctx must be an integer/],
    [["--out", "x.gguf", "--quant", "q4_0"], /--quant needs --shape/],
    [["--out", "x.gguf", "--shape", "llama-70b"], /--shape must be one of r1-distill-qwen-1.5b/],
    [
      ["--out", "x.gguf", "--shape", "r1-distill-qwen-1.5b", "--reply", "hi"],
      /--reply cannot be combined with --shape/,
    ],
    [
      ["--out", "x.gguf", "--shape", "r1-distill-qwen-1.5b", "--layers", "0"],
      /--layers must be an integer from 1 to 512/,
    ],
    [
      ["--out", join(dir, "bad.gguf"), "--reply", "a</think>b"],
      /^test-model: --reply: reply "a<\/think>b" cannot be scripted/,
    ],
    [["--out", join(dir, "bad.gguf"), "--reply", ""], /--reply: .*it is empty/],
  ];
  for (const [argv, message] of usageErrors) {
    test(`exit 2 with one line: ${argv.join(" ") || "(no flags)"}`, async () => {
      const r = await run(...argv);
      assert.equal(r.code, 2);
      assert.deepEqual(r.out, []);
      assert.equal(r.err.length, 1);
      assert.match(r.err[0]!, message);
      assert.doesNotMatch(r.err[0]!, /\n|at .*\.ts:\d+/);
    });
  }
  test("an unwritable --out exits 1 with one line", async () => {
    const r = await run("--out", "/dev/null/x.gguf");
    assert.equal(r.code, 1);
    assert.match(r.err[0]!, /^test-model: cannot write \/dev\/null\/x\.gguf: /);
  });

  test("--help prints usage and exits 0", async () => {
    const r = await run("--help");
    assert.equal(r.code, 0);
    assert.match(r.out[0]!, /^usage: test-model --out <file.gguf>/);
  });

  test("runs as a script: exit code 2 and no stack trace on stderr", () => {
    const cli = new URL("../../src/test-model/cli.ts", import.meta.url).pathname;
    const r = spawnSync(process.execPath, ["--import", "tsx", cli, "--out", join(dir, "x.gguf"), "--nope"], {
      encoding: "utf8",
    });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, "test-model: unknown flag --nope (see --help)\n");
    assert.equal(existsSync(join(dir, "x.gguf")), false);
  });
});
