import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { getLlama, type Llama, LlamaLogLevel } from "node-llama-cpp";
import { validateGgufFile } from "../../src/engine/llama-cpp/validate-gguf.js";
import { DeepthinkError } from "../../src/errors.js";
import { GGML_TYPES } from "../../src/test-model/ggml-blocks.js";
import { GgufValueType, type GgufWriter } from "../../src/test-model/gguf-writer.js";
import { buildTinyModel } from "../../src/test-model/tiny-model.js";
import { writeTestModel } from "../../src/test-model/write-test-model.js";
import { randomModelPath, scriptedModelPath } from "../helpers/test-models.js";

const dir = mkdtempSync(join(tmpdir(), "validate-gguf-"));
let llama: Llama;
before(async () => {
  llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
});
after(async () => {
  await llama?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

/** A tiny model with one edit applied to its writer, written to `name`. */
async function broken(name: string, edit: (w: GgufWriter) => void): Promise<string> {
  const { writer } = buildTinyModel();
  edit(writer);
  const path = join(dir, name);
  await writer.writeFile(path);
  return path;
}

async function rejects(path: string, message: RegExp): Promise<DeepthinkError> {
  let caught: unknown;
  await validateGgufFile(path).catch((error: unknown) => {
    caught = error;
  });
  assert.ok(caught instanceof DeepthinkError, `expected a DeepthinkError for ${path}, got ${String(caught)}`);
  assert.equal(caught.code, "invalid_model_file");
  assert.ok(caught.message.startsWith(`${path}: `), caught.message);
  assert.match(caught.message, message);
  assert.ok(caught.hint != null && caught.hint.length > 0);
  return caught;
}

describe("validateGgufFile on files the generator writes", () => {
  test("a scripted qwen2 model: summary, and llama.cpp loads it", async () => {
    const path = await scriptedModelPath({ reply: "<think>\nsum</think>\\boxed{4}" });
    const s = await validateGgufFile(path);
    assert.equal(s.path, path);
    assert.equal(s.architecture, "qwen2");
    assert.equal(s.name, "Tiny DeepSeek R1 Distill Test qwen2 scripted");
    assert.deepEqual(
      [s.contextLength, s.embeddingLength, s.blockCount, s.headCount, s.headCountKv, s.feedForwardLength],
      [4096, 64, 2, 4, 2, 128],
    );
    assert.equal(s.fileTypeName, "F32");
    assert.equal(s.tensorCount, 3 + 2 * 12);
    assert.equal(s.sizeBytes, readFileSync(path).length);
    assert.equal(s.hasChatTemplate, true);
    assert.match(s.chatTemplate!, /<｜Assistant｜>/);
    assert.equal(s.isSplit, false);
    assert.deepEqual(s.parts, [path]);
    const model = await llama.loadModel({ modelPath: path });
    assert.equal(model.fileInfo.metadata.general.architecture, "qwen2");
    await model.dispose();
  });

  test("a random llama model without a chat template", async () => {
    const s = await validateGgufFile(await randomModelPath({ arch: "llama", template: "none" }));
    assert.equal(s.architecture, "llama");
    assert.equal(s.hasChatTemplate, false);
    assert.equal(s.chatTemplate, undefined);
  });

  test("a shape-alike header without its data is reported as truncated, with expected and actual bytes", async () => {
    const out = join(dir, "r1-1.5b-header.gguf");
    const written = await writeTestModel({
      out,
      shape: "r1-distill-qwen-1.5b",
      quant: "q4_k_m",
      headerOnly: true,
    });
    await rejects(
      out,
      new RegExp(`truncated: its tensors need ${written.fullBytes} bytes but the file has ${written.bytes} `),
    );
  });
});

describe("validateGgufFile on broken files (none may take the process down)", () => {
  test("truncated data and a truncated header", async () => {
    const whole = readFileSync(await scriptedModelPath());
    const data = join(dir, "truncated.gguf");
    writeFileSync(data, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const error = await rejects(
      data,
      new RegExp(`truncated: its tensors need ${whole.length} bytes but the file has`),
    );
    assert.match(error.hint!, /download/i);
    const header = join(dir, "truncated-header.gguf");
    writeFileSync(header, whole.subarray(0, 3000));
    await rejects(header, /truncated or corrupt/);
  });

  test("empty, garbage, text, HTML, an LFS pointer, a directory, a missing path", async () => {
    const file = (name: string, content: string | Buffer) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    await rejects(file("empty.gguf", ""), /the file is empty/);
    await rejects(
      file("garbage.gguf", Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251))),
      /not a GGUF file/,
    );
    const magicThenGarbage = Buffer.alloc(4096, 0xff);
    magicThenGarbage.write("GGUF\x03\x00\x00\x00", "latin1");
    await rejects(
      file("magic-garbage.gguf", magicThenGarbage),
      /the tensor count is \d+, more than the file holds; it is truncated or corrupt/,
    );
    await rejects(file("notes.gguf", "just some notes\n"), /not a GGUF file \(it starts with bytes 6a757374/);
    await rejects(file("page.gguf", "<!DOCTYPE html><html>404</html>"), /HTML page/);
    await rejects(
      file("lfs.gguf", "version https://git-lfs.github.com/spec/v1\noid sha256:abc\n"),
      /Git LFS pointer/,
    );
    mkdirSync(join(dir, "folder.gguf"));
    await rejects(join(dir, "folder.gguf"), /is a directory/);
    await rejects(join(dir, "missing.gguf"), /no such file/);
  });

  test("missing hparams that would abort llama.cpp", async () => {
    await rejects(await broken("no-heads.gguf", (w) => w.remove("qwen2.attention.head_count")), /qwen2\.attention\.head_count is missing/);
    await rejects(await broken("no-ff.gguf", (w) => w.remove("qwen2.feed_forward_length")), /qwen2\.feed_forward_length is missing/);
    await rejects(await broken("no-eps.gguf", (w) => w.remove("qwen2.attention.layer_norm_rms_epsilon")), /layer_norm_rms_epsilon is missing/);
    await rejects(await broken("no-ctx.gguf", (w) => w.remove("qwen2.context_length")), /qwen2\.context_length is missing/);
    const zeroLayers = await broken("zero-layers.gguf", (w) => w.remove("qwen2.block_count").add("qwen2.block_count", GgufValueType.UINT32, 0));
    await rejects(zeroLayers, /qwen2\.block_count is 0, expected 1 to 512/);
    const wrongType = await broken("string-ctx.gguf", (w) => w.remove("qwen2.context_length").add("qwen2.context_length", GgufValueType.STRING, "4096"));
    await rejects(wrongType, /qwen2\.context_length has type STRING, expected UINT32/);
  }); // biome-ignore format: one case per line

  test("no architecture, an unknown one, an adapter, no tokenizer, duplicate token texts, no tensors", async () => {
    await rejects(await broken("no-arch.gguf", (w) => w.remove("general.architecture")), /general\.architecture is missing/);
    const unknown = await broken("qwen9.gguf", (w) => w.remove("general.architecture").add("general.architecture", GgufValueType.STRING, "qwen9"));
    await rejects(unknown, /architecture "qwen9" is not supported/);
    const adapter = await broken("lora.gguf", (w) => w.remove("general.type").add("general.type", GgufValueType.STRING, "adapter"));
    await rejects(adapter, /LoRA adapter/);
    await rejects(await broken("no-tokens.gguf", (w) => w.remove("tokenizer.ggml.tokens")), /no tokenizer/);
    const dupes = await broken("dupes.gguf", (w) => {
      const tokens = buildTinyModel().info.vocabSize;
      w.remove("tokenizer.ggml.tokens").addArray("tokenizer.ggml.tokens", GgufValueType.STRING, Array.from({ length: tokens }, (_, i) => (i === 100 ? "t50" : `t${i}`)));
    });
    await rejects(dupes, /token 100 "t50" repeats an earlier token's text/);
    await rejects(await broken("vocab-only.gguf", (w) => w.tensors.splice(0)), /has no tensors: it is a vocabulary-only GGUF/);
  }); // biome-ignore format: one case per line

  test("split models: every part must exist, and the first part is the one to pass", async () => {
    const first = join(dir, "m-00001-of-00002.gguf");
    copyFileSync(await scriptedModelPath(), first);
    await rejects(first, /split model is missing part 2 of 2: .*m-00002-of-00002\.gguf/);
    const second = join(dir, "m-00002-of-00002.gguf");
    const { writer } = buildTinyModel();
    writer.tensors.splice(0);
    writer.addTensor("extra.weight", [32], GGML_TYPES.F32, new Float32Array(32));
    await writer.writeFile(second);
    const s = await validateGgufFile(first);
    assert.equal(s.isSplit, true);
    assert.deepEqual(s.parts, [first, second]);
    assert.equal(s.tensorCount, 27 + 1);
    const error = await rejects(second, /is part 2 of 2 of a split model/);
    assert.match(error.hint!, /m-00001-of-00002\.gguf/);
  });

  test("why it matters: llama.cpp itself aborts the process on a missing head_count", async () => {
    const path = await broken("abort.gguf", (w) => w.remove("qwen2.attention.head_count"));
    const script = `const {getLlama, LlamaLogLevel} = await import("node-llama-cpp");
      const llama = await getLlama({gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.disabled});
      try { await llama.loadModel({modelPath: ${JSON.stringify(path)}}); } catch { process.exit(3); }
      process.exit(0);`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.ok(
      r.status !== 0 && r.status !== 3,
      `expected an abort, got status ${r.status} signal ${r.signal}`,
    );
  });
});
