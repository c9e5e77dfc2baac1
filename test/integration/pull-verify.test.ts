import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import type { ModelsHome } from "../../src/models/home.js";
import { type PullProgress, pullModel } from "../../src/models/pull.js";
import { resolveModel } from "../../src/models/resolve-model.js";
import { type FakeHub, startFakeHub, testBytes } from "./pull-fake-hub.js";

const CONTENT = testBytes(2 * 1024 * 1024, 3);
let hub: FakeHub;
let root: string;
let counter = 0;

before(async () => {
  hub = await startFakeHub();
  hub.addRepo("test/Good-GGUF", [
    { path: "Good-Q4_K_M.gguf", content: CONTENT },
    { path: "Good-Q8_0.gguf", content: testBytes(1000, 9) },
  ]);
  hub.addRepo("test/Short-GGUF", [
    { path: "Short-Q4_K_M.gguf", content: CONTENT, listedSize: CONTENT.length + 10 },
  ]);
  hub.addRepo("test/Corrupt-GGUF", [
    { path: "Corrupt-Q4_K_M.gguf", content: CONTENT, listedSha256: "ab".repeat(32) },
  ]);
  root = await mkdtemp(join(tmpdir(), "deepthink-pull-verify-"));
});
after(async () => {
  await hub.close();
  await rm(root, { recursive: true, force: true });
});

function freshHome(): ModelsHome {
  const home = join(root, `home-${counter++}`);
  return { home, modelsDir: join(home, "models") };
}

test("progress is reported with bytes done and total, speed and ETA; the file lands under its hf_ name", async () => {
  const home = freshHome();
  hub.throttle = { chunkBytes: 64 * 1024, delayMs: 2 };
  const seen: PullProgress[] = [];
  const result = await pullModel("hf:test/Good-GGUF:Q4_K_M", {
    home,
    env: { HF_ENDPOINT: hub.endpoint },
    onProgress: (progress) => seen.push(progress),
  });
  assert.equal(result.path, join(home.modelsDir, "hf_test_Good.Q4_K_M.gguf"));
  assert.ok(seen.length > 5, `${seen.length} progress events`);
  assert.ok(seen.every((p) => p.bytesTotal === CONTENT.length && p.fileCount === 1));
  assert.ok(seen.every((p, i) => i === 0 || p.bytesDone >= (seen[i - 1]?.bytesDone ?? 0)));
  assert.equal(seen.at(-1)?.bytesDone, CONTENT.length);
  assert.ok(seen.some((p) => p.bytesPerSecond > 0 && p.etaSeconds != null));
  assert.ok((await readFile(result.path)).equals(CONTENT));
});

test("an already-complete model is not downloaded again (no request at all)", async () => {
  const home = freshHome();
  hub.throttle = { chunkBytes: 256 * 1024, delayMs: 0 };
  await pullModel("hf:test/Good-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } });
  hub.requests.length = 0;
  const again = await pullModel("hf:test/Good-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } });
  assert.equal(again.alreadyPresent, true);
  assert.equal(again.downloadedBytes, 0);
  assert.deepEqual(hub.requests, []);
});

test("a size mismatch names both numbers and leaves no file under the final name", async () => {
  const home = freshHome();
  await assert.rejects(
    pullModel("hf:test/Short-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === "size_mismatch" &&
      error.message.includes(String(CONTENT.length)) &&
      error.message.includes(String(CONTENT.length + 10)),
  );
  assert.deepEqual(await readdir(home.modelsDir), []);
});

test("a checksum mismatch is reported and the bad bytes are not kept", async () => {
  const home = freshHome();
  await assert.rejects(
    pullModel("hf:test/Corrupt-GGUF:Q4_K_M", { home, env: { HF_ENDPOINT: hub.endpoint } }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === "checksum_mismatch" &&
      error.message.includes("ab".repeat(32)),
  );
  assert.equal(existsSync(join(home.modelsDir, "hf_test_Corrupt.Q4_K_M.gguf")), false);
  assert.deepEqual(await readdir(home.modelsDir), []);
});

test("resolveModel finds a pulled model offline, and says how to pull a missing one", async () => {
  const home = freshHome();
  await pullModel("hf:test/Good-GGUF:Q8_0", { home, env: { HF_ENDPOINT: hub.endpoint } });
  hub.requests.length = 0;
  const found = await resolveModel("hf:test/Good-GGUF:Q8_0", { home, download: false });
  assert.equal(found.path, join(home.modelsDir, "hf_test_Good.Q8_0.gguf"));
  assert.equal(found.downloaded, false);
  assert.deepEqual(hub.requests, []);
  await assert.rejects(
    resolveModel("hf:test/Good-GGUF:Q4_K_M", { home, download: false }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === "model_not_found" &&
      error.hint === "deepthink pull hf:test/Good-GGUF:Q4_K_M",
  );
  const pulled = await resolveModel("hf:test/Good-GGUF:Q4_K_M", {
    home,
    download: true,
    env: { HF_ENDPOINT: hub.endpoint },
  });
  assert.equal(pulled.downloaded, true);
  assert.ok((await readFile(pulled.path)).equals(CONTENT));
});

test("a URL that answers with a web page is invalid_model_file and leaves nothing behind", async () => {
  const home = freshHome();
  const url = hub.addUrl({
    path: "page",
    content: Buffer.from("<html></html>"),
    contentType: "text/html; charset=utf-8",
  });
  await assert.rejects(
    pullModel(url, { home }),
    (error: unknown) =>
      error instanceof DeepthinkError &&
      error.code === "invalid_model_file" &&
      /web page/.test(error.message),
  );
  assert.deepEqual(await readdir(home.modelsDir), []);
});
