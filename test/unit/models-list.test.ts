import assert from "node:assert/strict";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fitOf, listModels } from "../../src/models/list-models.js";

let root: string;
let modelsDir: string;
const GB = 1e9;

before(async () => {
  root = await mkdtemp(join(tmpdir(), "deepthink-list-"));
  modelsDir = join(root, "models");
  await mkdir(modelsDir);
  const put = (name: string, bytes: number) => writeFile(join(modelsDir, name), Buffer.alloc(bytes));
  await put("hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf", 10);
  // 7B Q4_K_M (4.68 GB): a partial of 10 bytes rounds to 0%.
  await put("hf_unsloth_DeepSeek-R1-Distill-Qwen-7B.Q4_K_M.gguf.partial", 10);
  // R1 UD-IQ1_S: part 1 of 3 complete, part 2 partial.
  await put("hf_unsloth_DeepSeek-R1.UD-IQ1_S-00001-of-00003.gguf", 20);
  await put("hf_unsloth_DeepSeek-R1.UD-IQ1_S-00002-of-00003.gguf.partial", 5);
  // A quant the catalog does not list, of a catalog repo.
  await put("hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.IQ4_XS.gguf", 7);
  // Strays: a single file, and a split set.
  await put("my-own.gguf", 3);
  await put("url_example.com_big-00001-of-00002.gguf", 4);
  await put("url_example.com_big-00002-of-00002.gguf", 4);
  await put("notes.txt", 1);
});
after(() => rm(root, { recursive: true, force: true }));

test("catalog quants are joined with the folder: downloaded, partial with %, missing", async () => {
  const list = await listModels({ home: { home: root, modelsDir }, totalMemoryBytes: 16 * GB });
  const quant = (alias: string, name: string) =>
    list.models.find((model) => model.entry.alias === alias)?.quants.find((q) => q.quant === name);
  assert.equal(quant("r1-distill-qwen-1.5b", "Q4_K_M")?.state, "downloaded");
  assert.equal(
    quant("r1-distill-qwen-1.5b", "Q4_K_M")?.path,
    join(modelsDir, "hf_unsloth_DeepSeek-R1-Distill-Qwen-1.5B.Q4_K_M.gguf"),
  );
  assert.equal(quant("r1-distill-qwen-1.5b", "Q8_0")?.state, "missing");
  assert.equal(quant("r1-distill-qwen-7b", "Q4_K_M")?.state, "partial");
  assert.ok((quant("r1-distill-qwen-7b", "Q4_K_M")?.percent ?? -1) >= 0);
  assert.equal(quant("r1", "UD-IQ1_S")?.state, "partial");
  const extra = quant("r1-distill-qwen-1.5b", "IQ4_XS");
  assert.deepEqual([extra?.state, extra?.sizeBytes, extra?.isDefault], ["downloaded", 7, false]);
  assert.deepEqual(
    list.stray.map((stray) => [stray.path.slice(modelsDir.length + 1), stray.sizeBytes, stray.parts]),
    [
      ["my-own.gguf", 3, 1],
      ["url_example.com_big-00001-of-00002.gguf", 8, 2],
    ],
  );
});

test("fit is judged by estimateRam against this machine's memory", async () => {
  assert.equal(fitOf(7 * GB, 10 * GB), "fits");
  assert.equal(fitOf(9 * GB, 10 * GB), "tight");
  assert.equal(fitOf(11 * GB, 10 * GB), "too-big");
  const list = await listModels({ home: { home: root, modelsDir }, totalMemoryBytes: 8 * GB });
  const fits = new Map(
    list.models.map((model) => [model.entry.alias, model.quants.find((q) => q.isDefault)?.fit]),
  );
  assert.equal(fits.get("r1-distill-qwen-1.5b"), "fits");
  assert.equal(fits.get("r1-distill-qwen-7b"), "fits");
  assert.equal(fits.get("r1-distill-qwen-14b"), "too-big");
  assert.equal(fits.get("r1"), "too-big");
});

test("a models folder that does not exist yet lists everything as missing", async () => {
  const list = await listModels({
    home: { home: root, modelsDir: join(root, "nope") },
    totalMemoryBytes: GB,
  });
  assert.ok(list.models.every((model) => model.quants.every((quant) => quant.state === "missing")));
  assert.deepEqual(list.stray, []);
});
