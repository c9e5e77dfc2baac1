import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import type { ModelsHome } from "../../src/models/home.js";
import { pullModel } from "../../src/models/pull.js";
import { resolveModel } from "../../src/models/resolve-model.js";
import { type FakeHub, startFakeHub, testBytes } from "./pull-fake-hub.js";

let hub: FakeHub;
let root: string;
let counter = 0;
const PARTS = [testBytes(300_000, 11), testBytes(200_000, 12), testBytes(100_000, 13)];
const SMALL = testBytes(50_000, 21);

before(async () => {
  hub = await startFakeHub();
  hub.throttle = { chunkBytes: 64 * 1024, delayMs: 0 };
  hub.addRepo("test/Huge-GGUF", [
    { path: "README.md", content: Buffer.from("# Huge") },
    ...PARTS.map((content, i) => ({
      path: `Huge-UD-IQ1_S/Huge-UD-IQ1_S-0000${i + 1}-of-00003.gguf`,
      content,
    })),
    { path: "Huge-Q8_0/Huge-Q8_0-00001-of-00002.gguf", content: SMALL },
    { path: "Huge-Q8_0/Huge-Q8_0-00002-of-00002.gguf", content: SMALL },
  ]);
  hub.addRepo("test/Gated-GGUF", [{ path: "Gated-Q4_K_M.gguf", content: SMALL }], { token: "hf_secret" });
  hub.addRepo("unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF", [
    { path: "DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M.gguf", content: SMALL },
    { path: "DeepSeek-R1-Distill-Qwen-1.5B-Q8_0.gguf", content: SMALL },
  ]);
  root = await mkdtemp(join(tmpdir(), "deepthink-pull-hub-"));
});
after(async () => {
  await hub.close();
  await rm(root, { recursive: true, force: true });
});

function freshHome(): ModelsHome {
  const home = join(root, `home-${counter++}`);
  return { home, modelsDir: join(home, "models") };
}

const isCode =
  (code: string, includes: string[] = []) =>
  (error: unknown) =>
    error instanceof DeepthinkError &&
    error.code === code &&
    includes.every((text) => error.message.includes(text));

test("split files come down in order and are named hf_<user>_<model>.<QUANT>-0000k-of-0000N.gguf", async () => {
  const home = freshHome();
  const result = await pullModel("hf:test/Huge-GGUF:UD-IQ1_S", { home, env: { HF_ENDPOINT: hub.endpoint } });
  const downloads = hub.requests.filter((request) => request.path.includes("/resolve/")).map((r) => r.path);
  assert.deepEqual(
    downloads.slice(-3),
    [1, 2, 3].map((n) => `/test/Huge-GGUF/resolve/main/Huge-UD-IQ1_S/Huge-UD-IQ1_S-0000${n}-of-00003.gguf`),
  );
  const names = [1, 2, 3].map((n) => join(home.modelsDir, `hf_test_Huge.UD-IQ1_S-0000${n}-of-00003.gguf`));
  assert.deepEqual(result.files, names);
  assert.equal(result.path, names[0]);
  for (const [i, name] of names.entries())
    assert.ok((await readFile(name)).equals(PARTS[i] ?? Buffer.alloc(0)));
  const offline = await resolveModel("hf:test/Huge-GGUF:ud-iq1_s", { home, download: false });
  assert.deepEqual(offline.files, names);
});

test("a quant that does not exist is model_not_found, listing the quants that do", async () => {
  await assert.rejects(
    pullModel("hf:test/Huge-GGUF:Q4_K_M", { home: freshHome(), env: { HF_ENDPOINT: hub.endpoint } }),
    isCode("model_not_found", ["test/Huge-GGUF has no Q4_K_M", "Q8_0", "UD-IQ1_S"]),
  );
  await assert.rejects(
    pullModel("hf:nobody/Nothing-GGUF:Q4_K_M", { home: freshHome(), env: { HF_ENDPOINT: hub.endpoint } }),
    isCode("model_not_found", ["no repo nobody/Nothing-GGUF"]),
  );
});

test("a gated repo: 401 without a token names HF_TOKEN; HF_TOKEN or HUGGING_FACE_HUB_TOKEN is sent as Bearer", async () => {
  await assert.rejects(
    pullModel("hf:test/Gated-GGUF:Q4_K_M", { home: freshHome(), env: { HF_ENDPOINT: hub.endpoint } }),
    (error: unknown) => isCode("unauthorized", ["HF_TOKEN"])(error),
  );
  await assert.rejects(
    pullModel("hf:test/Gated-GGUF:Q4_K_M", {
      home: freshHome(),
      env: { HF_ENDPOINT: hub.endpoint, HF_TOKEN: "wrong" },
    }),
    isCode("unauthorized", ["refused the token in HF_TOKEN"]),
  );
  for (const variable of ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"]) {
    hub.requests.length = 0;
    const result = await pullModel("hf:test/Gated-GGUF:Q4_K_M", {
      home: freshHome(),
      env: { HF_ENDPOINT: hub.endpoint, [variable]: "hf_secret" },
    });
    assert.ok((await readFile(result.path)).equals(SMALL));
    assert.ok(hub.requests.every((request) => request.authorization === "Bearer hf_secret"));
  }
});

test("a catalog alias pulls its default quant through the Hub listing and resolves offline afterwards", async () => {
  const home = freshHome();
  const result = await pullModel("r1-distill-qwen-1.5b", { home, env: { HF_ENDPOINT: hub.endpoint } });
  assert.equal(result.path, join(home.modelsDir, "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf"));
  const viaOllamaName = await resolveModel("deepseek-r1:1.5b", { home, download: false });
  assert.equal(viaOllamaName.path, result.path);
  assert.equal(viaOllamaName.entry?.alias, "r1-distill-qwen-1.5b");
  const other = await pullModel("r1-distill-qwen-1.5b", {
    home,
    quant: "Q8_0",
    env: { HF_ENDPOINT: hub.endpoint },
  });
  assert.equal(other.path, join(home.modelsDir, "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q8_0.gguf"));
});

test("a plain URL is downloaded directly; an hf: file path keeps its own name", async () => {
  const home = freshHome();
  const url = hub.addUrl({ path: "models/plain-model.gguf", content: SMALL });
  const viaUrl = await pullModel(url, { home });
  assert.ok(viaUrl.path.endsWith("_plain-model.gguf"));
  assert.ok((await readFile(viaUrl.path)).equals(SMALL));
  const viaPath = await pullModel("hf:test/Huge-GGUF/Huge-Q8_0/Huge-Q8_0-00001-of-00002.gguf", {
    home,
    env: { HF_ENDPOINT: hub.endpoint },
  });
  assert.deepEqual(viaPath.files, [
    join(home.modelsDir, "hf_test_Huge-Q8_0-00001-of-00002.gguf"),
    join(home.modelsDir, "hf_test_Huge-Q8_0-00002-of-00002.gguf"),
  ]);
});

test("connection refused is network_unavailable, naming the host and the way out", async () => {
  const port = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address != null ? address.port : 0));
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await assert.rejects(
    pullModel("hf:test/Good-GGUF:Q4_K_M", { home: freshHome(), env: { HF_ENDPOINT: endpoint } }),
    isCode("network_unavailable", [`could not reach 127.0.0.1:${port}`, "HF_ENDPOINT", "local .gguf path"]),
  );
  await assert.rejects(
    pullModel(`${endpoint}/files/x.gguf`, { home: freshHome() }),
    isCode("network_unavailable", [`could not reach 127.0.0.1:${port}`]),
  );
});
