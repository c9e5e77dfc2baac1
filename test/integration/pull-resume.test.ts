import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { DeepthinkError } from "../../src/errors.js";
import type { ModelsHome } from "../../src/models/home.js";
import { pullModel } from "../../src/models/pull.js";
import { type FakeHub, startFakeHub, testBytes } from "./pull-fake-hub.js";

const SIZE = 4 * 1024 * 1024;
const CONTENT = testBytes(SIZE, 7);
const FINAL = "hf_test_Big.Q4_K_M.gguf";
let hub: FakeHub;
let root: string;

before(async () => {
  hub = await startFakeHub();
  hub.addRepo("test/Big-GGUF", [{ path: "Big-Q4_K_M.gguf", content: CONTENT }]);
  hub.addRepo("test/Stubborn-GGUF", [{ path: "Stubborn-Q4_K_M.gguf", content: CONTENT, ignoreRange: true }]);
  root = await mkdtemp(join(tmpdir(), "deepthink-pull-resume-"));
});
after(async () => {
  await hub.close();
  await rm(root, { recursive: true, force: true });
});

async function freshHome(name: string): Promise<ModelsHome> {
  const home = join(root, name);
  return { home, modelsDir: join(home, "models") };
}

test("an aborted download keeps its .partial and resumes with a Range request", async () => {
  const home = await freshHome("abort");
  hub.throttle = { chunkBytes: 64 * 1024, delayMs: 5 };
  const controller = new AbortController();
  await assert.rejects(
    pullModel("hf:test/Big-GGUF:Q4_K_M", {
      home,
      env: { HF_ENDPOINT: hub.endpoint },
      signal: controller.signal,
      onProgress: (progress) => {
        if (progress.bytesDone >= SIZE / 4) controller.abort();
      },
    }),
    (error: unknown) => error instanceof DeepthinkError && error.code === "aborted",
  );
  const partial = join(home.modelsDir, `${FINAL}.partial`);
  const kept = (await stat(partial)).size;
  assert.ok(kept > 0 && kept < SIZE, `partial holds ${kept} bytes`);
  assert.equal(existsSync(join(home.modelsDir, FINAL)), false);

  hub.requests.length = 0;
  hub.throttle = { chunkBytes: 256 * 1024, delayMs: 0 };
  const result = await pullModel("hf:test/Big-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } });
  const download = hub.requests.find((request) => request.path.includes("/resolve/"));
  assert.equal(download?.range, `bytes=${kept}-`);
  assert.equal(download?.status, 206);
  assert.equal(result.downloadedBytes, SIZE - kept);
  assert.ok((await readFile(result.path)).equals(CONTENT));
  assert.equal(existsSync(partial), false);
});

test("a process SIGKILLed mid-download leaves a .partial that the next pull resumes", async () => {
  const home = await freshHome("kill");
  hub.throttle = { chunkBytes: 32 * 1024, delayMs: 10 };
  const pullModule = fileURLToPath(new URL("../../src/models/pull.ts", import.meta.url));
  const script = join(root, "child-pull.mjs");
  await writeFile(
    script,
    `import { pullModel } from ${JSON.stringify(pullModule)};
     const [modelsDir, endpoint] = process.argv.slice(2);
     await pullModel("hf:test/Big-GGUF:Q4_K_M", {
       home: { home: modelsDir, modelsDir }, env: { HF_ENDPOINT: endpoint },
       onProgress: (p) => process.stdout.write(p.bytesDone + "\\n"),
     });`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script, home.modelsDir, hub.endpoint], {
    cwd: fileURLToPath(new URL("../..", import.meta.url)),
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("exit", (_code, signal) => resolve(signal)),
  );
  child.stdout.setEncoding("utf8");
  child.stdout.on("data", (text: string) => {
    const last = Number(text.trim().split("\n").pop());
    if (last >= SIZE / 4 && child.exitCode == null) child.kill("SIGKILL");
  });
  assert.equal(await exited, "SIGKILL");

  const partial = join(home.modelsDir, `${FINAL}.partial`);
  const kept = (await stat(partial)).size;
  assert.ok(kept > 0 && kept < SIZE, `partial holds ${kept} bytes`);
  assert.equal(existsSync(join(home.modelsDir, FINAL)), false);
  assert.ok(existsSync(join(home.modelsDir, `${FINAL}.lock`)), "the killed process leaves its lock behind");

  hub.requests.length = 0;
  hub.throttle = { chunkBytes: 256 * 1024, delayMs: 0 };
  const result = await pullModel("hf:test/Big-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } });
  const download = hub.requests.find((request) => request.path.includes("/resolve/"));
  assert.equal(download?.range, `bytes=${kept}-`);
  assert.ok((await readFile(result.path)).equals(CONTENT));
  assert.equal(existsSync(`${result.path}.lock`), false);
});

test("a connection cut mid-body is resumed automatically with a Range request", async () => {
  const home = await freshHome("dropped");
  hub.addRepo("test/Flaky-GGUF", [{ path: "Flaky-Q4_K_M.gguf", content: CONTENT, dropAfterBytes: SIZE / 2 }]);
  hub.throttle = { chunkBytes: 64 * 1024, delayMs: 0 };
  hub.requests.length = 0;
  const sleeps: number[] = [];
  const result = await pullModel("hf:test/Flaky-GGUF:Q4_K_M", {
    home,
    env: { HF_ENDPOINT: hub.endpoint },
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const downloads = hub.requests.filter((request) => request.path.includes("/resolve/"));
  assert.equal(downloads.length, 2);
  assert.equal(downloads[0]?.range, undefined);
  assert.match(downloads[1]?.range ?? "", /^bytes=\d+-$/);
  assert.deepEqual(sleeps, [1000]);
  assert.ok((await readFile(result.path)).equals(CONTENT));
});

test("a server that ignores Range restarts the file from 0 and still ends with the right bytes", async () => {
  const home = await freshHome("stubborn");
  const name = "hf_test_Stubborn.Q4_K_M.gguf";
  await pullModel("hf:test/Stubborn-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } }).catch(
    () => undefined,
  );
  // Fake an interrupted earlier run: the first 1 MB, plus garbage that must not survive.
  await rm(join(home.modelsDir, name));
  await writeFile(join(home.modelsDir, `${name}.partial`), Buffer.alloc(1024 * 1024, 0xee));
  hub.requests.length = 0;
  const result = await pullModel("hf:test/Stubborn-GGUF:Q4_K_M", {
    home,
    env: { HF_ENDPOINT: hub.endpoint },
  });
  const download = hub.requests.find((request) => request.path.includes("/resolve/"));
  assert.equal(download?.range, "bytes=1048576-");
  assert.equal(download?.status, 200);
  assert.equal(result.downloadedBytes, SIZE);
  assert.ok((await readFile(result.path)).equals(CONTENT));
});

test("a .partial that already holds the whole file (416) is verified and renamed without a body", async () => {
  const home = await freshHome("complete-partial");
  const url = hub.addUrl({ path: "whole.gguf", content: CONTENT });
  const name = `url_${new URL(hub.endpoint).host.replace(":", "-")}_whole.gguf`;
  await pullModel(url, { home }).then((result) => rm(result.path));
  await writeFile(join(home.modelsDir, `${name}.partial`), CONTENT);
  hub.requests.length = 0;
  const result = await pullModel(url, { home });
  assert.equal(hub.requests[0]?.status, 416);
  assert.equal(result.downloadedBytes, 0);
  assert.ok((await readFile(result.path)).equals(CONTENT));
});
