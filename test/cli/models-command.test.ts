import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { Command } from "commander";
import { type ModelCliDeps, registerModelsCommand } from "../../src/cli/models-command.js";

let home: string;

before(async () => {
  home = await mkdtemp(join(tmpdir(), "deepthink-models-cli-"));
  await mkdir(join(home, "models"));
  await writeFile(join(home, "models", "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf"), "GGUF");
  await writeFile(join(home, "models", "hf_unsloth_DeepSeek-R1-Distill-Qwen-7B.Q8_0.gguf.partial"), "GG");
  await writeFile(join(home, "models", "stray-model.gguf"), "GGUF");
});
after(() => rm(home, { recursive: true, force: true }));

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

async function run(args: string[]) {
  const stdout = capture();
  const stderr = capture();
  const codes: number[] = [];
  const deps: ModelCliDeps = {
    env: { DEEPTHINK_HOME: home },
    stdout,
    stderr,
    totalMemoryBytes: () => 16e9,
    setExitCode: (code) => codes.push(code),
  };
  const program = new Command().exitOverride();
  registerModelsCommand(program, deps);
  await program.parseAsync(args, { from: "user" });
  return { stdout: stdout.text, stderr: stderr.text, codes };
}

test("`models` prints a table: alias, params, quant, size, RAM, on disk, fits", async () => {
  const { stdout, stderr, codes } = await run(["models"]);
  assert.equal(stderr, "");
  assert.deepEqual(codes, []);
  const lines = stdout.split("\n");
  assert.match(lines[0] ?? "", /^ALIAS\s+PARAMS\s+QUANT\s+SIZE\s+RAM\s+ON DISK\s+FITS$/);
  assert.match(stdout, /r1-distill-qwen-1\.5b\s+1\.5B\s+Q4_K_M\s+1\.1 GB\s+1\.9 GB\s+yes\s+fits/);
  // A non-default quant shows up once it is (partly) on disk.
  assert.match(stdout, /r1-distill-qwen-7b\s+7B\s+Q8_0\s+8\.1 GB\s+\S+ GB\s+partial 0%\s+fits/);
  assert.match(stdout, /r1\s+671B \(37B active\)\s+UD-IQ1_S \(3 parts\)\s+140 GB\s+\S+ GB\s+-\s+too-big/);
  assert.match(stdout, /this machine has 16 GB/);
  assert.match(stdout, new RegExp(`Models folder: ${join(home, "models")}`));
  assert.match(stdout, /Other GGUF files in the models folder:\n {2}\S*stray-model\.gguf {2}4 B/);
  assert.equal((stdout.match(/^r1-distill-qwen-32b /gm) ?? []).length, 1);
});

test("`models --all` shows every quantisation", async () => {
  const { stdout } = await run(["models", "--all"]);
  assert.ok((stdout.match(/^r1-distill-qwen-32b /gm) ?? []).length >= 7);
  assert.match(stdout, /r1\s+671B \(37B active\)\s+Q4_K_M \(9 parts\)\s+404 GB/);
});

test("`models --json` is machine-readable, sizes in bytes", async () => {
  const { stdout } = await run(["models", "--json"]);
  const json = JSON.parse(stdout);
  assert.equal(json.models.length, 10);
  const small = json.models[0];
  assert.equal(small.alias, "r1-distill-qwen-1.5b");
  assert.equal(small.defaultQuant, "Q4_K_M");
  const q4 = small.quants.find((quant: { quant: string }) => quant.quant === "Q4_K_M");
  assert.equal(q4.sizeBytes, 1_120_000_000);
  assert.equal(q4.state, "downloaded");
  assert.equal(q4.fit, "fits");
  assert.equal(json.stray.length, 1);
});
