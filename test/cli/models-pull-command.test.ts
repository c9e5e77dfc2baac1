import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Command } from "commander";
import type { ModelCliDeps } from "../../src/cli/models-command.js";
import { registerPullCommand } from "../../src/cli/pull-command.js";
import { type FakeHub, startFakeHub, testBytes } from "../integration/pull-fake-hub.js";

const CONTENT = testBytes(1024 * 1024, 5);
let hub: FakeHub;
let root: string;
let counter = 0;

before(async () => {
  hub = await startFakeHub();
  hub.addRepo("unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", [
    { path: "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", content: CONTENT },
    { path: "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf", content: CONTENT },
  ]);
  root = await mkdtemp(join(tmpdir(), "deepthink-pull-cli-"));
});
after(async () => {
  await hub.close();
  await rm(root, { recursive: true, force: true });
});

function capture(isTTY = false) {
  return {
    text: "",
    isTTY,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

async function run(args: string[], extra: Partial<ModelCliDeps> = {}) {
  const home = join(root, `home-${counter++}`);
  const stdout = capture();
  const stderr = capture();
  const codes: number[] = [];
  const program = new Command().exitOverride();
  registerPullCommand(program, {
    env: { DEEPTHINK_HOME: home, HF_ENDPOINT: hub.endpoint },
    stdout,
    stderr,
    setExitCode: (code) => codes.push(code),
    onInterrupt: () => () => {},
    ...extra,
  });
  await program.parseAsync(args, { from: "user" });
  return { home, stdout: stdout.text, stderr: stderr.text, codes };
}

test("`pull <alias>` downloads with plain progress lines when stderr is not a TTY", async () => {
  hub.throttle = { chunkBytes: 16 * 1024, delayMs: 1 };
  const { home, stdout, stderr, codes } = await run(["pull", "deepseek-r1:1.5b"]);
  assert.deepEqual(codes, []);
  const path = join(home, "models", "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf");
  assert.equal(stdout, `pulled r1-distill-qwen-1.5b (1 MB downloaded): ${path}\n`);
  assert.ok((await readFile(path)).equals(CONTENT));
  const lines = stderr.trim().split("\n");
  assert.ok(lines.length >= 3, stderr);
  assert.match(lines[0] ?? "", /^downloading r1-distill-qwen-1\.5b: 0% \(0 B \/ 1 MB\)$/);
  assert.match(
    lines.at(-1) ?? "",
    /^downloading r1-distill-qwen-1\.5b: 100% \(1 MB \/ 1 MB, [\d.]+ [kMG]?B\/s, ETA 0s\)$/,
  );
});

test("`pull --quant` picks another quantisation; a second pull finds it on disk", async () => {
  const first = await run(["pull", "r1-distill-qwen-1.5b", "--quant", "q8_0"]);
  assert.match(first.stdout, /^pulled r1-distill-qwen-1\.5b:Q8_0 /);
  assert.ok(existsSync(join(first.home, "models", "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q8_0.gguf")));
});

test("errors are one `error:` line and a `hint:` line, exit code 1, no stack trace", async () => {
  const unknown = await run(["pull", "r1-distil-qwen-1.5b"]);
  assert.deepEqual(unknown.codes, [1]);
  assert.equal(
    unknown.stderr,
    'error: Unknown model "r1-distil-qwen-1.5b". Did you mean r1-distill-qwen-1.5b?\n' +
      "hint: run `deepthink models` to see every model, or pass hf:user/repo:QUANT, a URL or a .gguf path\n",
  );
  const missingQuant = await run(["pull", "r1-distill-qwen-1.5b:Q2_K"]);
  assert.deepEqual(missingQuant.codes, [1]);
  assert.match(
    missingQuant.stderr,
    /^error: unsloth\/DeepSeek-R1-Distill-Qwen-1\.5B-GGUF has no Q2_K quantisation; it has Q4_K_M, Q8_0\.\nhint: /,
  );
  assert.doesNotMatch(missingQuant.stderr, /\n\s+at /);
});

test("Ctrl-C stops the download, keeps the partial file and says how to resume", async () => {
  hub.throttle = { chunkBytes: 16 * 1024, delayMs: 5 };
  let interrupt: (() => void) | undefined;
  const stderr = capture();
  const running = run(["pull", "r1-distill-qwen-1.5b"], {
    stderr: Object.assign(stderr, {
      write(chunk: string) {
        stderr.text += chunk;
        if (/: [1-9]\d*%/.test(chunk)) interrupt?.();
        return true;
      },
    }),
    onInterrupt: (handler) => {
      interrupt = handler;
      return () => {
        interrupt = undefined;
      };
    },
  });
  const { home, codes, stdout } = await running;
  assert.deepEqual(codes, [130]);
  assert.equal(stdout, "");
  assert.match(
    stderr.text,
    /stopped: Download of hf_unsloth_DeepSeek-R1-Distill-Qwen-1\.5B\.Q4_K_M\.gguf stopped at \d+ of 1048576 bytes/,
  );
  assert.match(stderr.text, /hint: run `deepthink pull r1-distill-qwen-1\.5b` again to resume/);
  const partial = join(home, "models", "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf.partial");
  assert.ok((await stat(partial)).size > 0);
});
