import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import {
  CATALOG,
  catalogNames,
  DEFAULT_MODEL_ALIAS,
  defaultQuant,
  estimateRam,
  findCatalogEntry,
  findCatalogEntryByGgufRepo,
  kvCacheBytesPerToken,
} from "../../src/models/catalog.js";

test("the catalog holds the whole R1 family under the agreed aliases", () => {
  assert.deepEqual(
    CATALOG.map((entry) => entry.alias),
    [
      "r1-distill-qwen-1.5b",
      "r1-distill-qwen-7b",
      "r1-distill-llama-8b",
      "r1-distill-qwen-14b",
      "r1-distill-qwen-32b",
      "r1-distill-llama-70b",
      "r1",
      "r1-zero",
      "r1-0528",
      "r1-0528-qwen3-8b",
    ],
  );
  assert.equal(findCatalogEntry(DEFAULT_MODEL_ALIAS)?.alias, "r1-distill-qwen-1.5b");
});

test("every name (alias, extra alias, original repo and its name) points at exactly one entry", () => {
  const seen = new Map<string, string>();
  for (const entry of CATALOG) {
    const repoName = entry.originalRepo.split("/")[1] ?? "";
    for (const name of [entry.alias, ...entry.aliases, entry.originalRepo, repoName].map((n) =>
      n.toLowerCase(),
    )) {
      const owner = seen.get(name);
      assert.ok(owner == null || owner === entry.alias, `${name} is claimed by ${owner} and ${entry.alias}`);
      seen.set(name, entry.alias);
    }
  }
  assert.equal(catalogNames().length, seen.size);
  assert.equal(findCatalogEntry("DeepSeek-R1-Distill-Llama-70B")?.alias, "r1-distill-llama-70b");
  assert.equal(findCatalogEntry("  DEEPSEEK-R1:7B ")?.alias, "r1-distill-qwen-7b");
  assert.equal(findCatalogEntry("deepseek-ai/DeepSeek-R1-Zero")?.alias, "r1-zero");
  assert.equal(findCatalogEntryByGgufRepo("UNSLOTH/deepseek-r1-gguf")?.alias, "r1");
});

test("every entry has a sane shape, a default quant with a size, and unique quant names", () => {
  for (const entry of CATALOG) {
    const option = defaultQuant(entry);
    assert.ok(option.sizeBytes > 100e6, `${entry.alias} default size`);
    assert.ok(entry.contextLength >= 32_768, `${entry.alias} context`);
    assert.match(entry.gguf.repo, /^[\w.-]+\/[\w.-]+-GGUF$/);
    const names = entry.gguf.quants.map((quant) => quant.quant);
    assert.equal(new Set(names).size, names.length, `${entry.alias} quant names`);
    for (const quant of entry.gguf.quants) {
      assert.ok(quant.sizeBytes > 0 && Number.isInteger(quant.sizeBytes));
      assert.ok(quant.parts >= 1 && Number.isInteger(quant.parts));
      // Hub files stop at 50 GB, so a bigger quant must be split.
      assert.ok(quant.sizeBytes / quant.parts <= 50.1e9, `${entry.alias} ${quant.quant} parts`);
    }
  }
  const moe = CATALOG.filter((entry) => entry.parameters === "671B");
  assert.deepEqual(
    moe.map((entry) => entry.alias),
    ["r1", "r1-zero", "r1-0528"],
  );
  for (const entry of moe) assert.ok(defaultQuant(entry).parts > 1, `${entry.alias} default is split`);
  assert.equal(defaultQuant(findCatalogEntry("r1") ?? CATALOG[0]!).quant, "UD-IQ1_S");
});

test("the KV cache per token follows the attention shape", () => {
  // 2 (K,V) × 28 layers × 2 KV heads × 128 × 2 bytes.
  assert.equal(kvCacheBytesPerToken(findCatalogEntry("r1-distill-qwen-1.5b")!), 28_672);
  // MLA: 61 layers × 576 latent × 2 bytes.
  assert.equal(kvCacheBytesPerToken(findCatalogEntry("r1")!), 70_272);
});

test("estimateRam grows with the context and with the file size, and rejects unknown quants", () => {
  for (const entry of CATALOG) {
    const sizes = [...entry.gguf.quants].sort((a, b) => a.sizeBytes - b.sizeBytes);
    let previous = 0;
    for (const quant of sizes) {
      const ram = estimateRam(entry, quant.quant, 8192);
      assert.ok(ram > quant.sizeBytes, `${entry.alias} ${quant.quant} needs more than its file`);
      assert.ok(ram >= previous);
      previous = ram;
    }
    let last = 0;
    for (const context of [0, 2048, 8192, 32_768, 131_072]) {
      const ram = estimateRam(entry, entry.gguf.defaultQuant, context);
      assert.ok(ram > last, `${entry.alias} at ${context}`);
      last = ram;
    }
  }
  const small = findCatalogEntry("r1-distill-qwen-1.5b")!;
  // 1.12 GB × 1.02 + 28672 × 8192 + 512 MiB.
  assert.equal(
    estimateRam(small, "q4_k_m", 8192),
    Math.round(1.12e9 * 1.02 + 28_672 * 8192 + 512 * 1024 * 1024),
  );
  assert.throws(
    () => estimateRam(small, "Q9_X"),
    (error: unknown) =>
      error instanceof DeepthinkError && error.code === "invalid_argument" && /Q4_K_M/.test(error.hint ?? ""),
  );
});
