import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { readGgufFileInfo } from "node-llama-cpp";
import { f32ToF16Bits, GGML_TYPES } from "../../src/test-model/ggml-blocks.js";
import { GgufValueType, GgufWriter } from "../../src/test-model/gguf-writer.js";
import { buildTinyModel } from "../../src/test-model/tiny-model.js";

const dir = mkdtempSync(join(tmpdir(), "gguf-writer-"));
after(() => rmSync(dir, { recursive: true, force: true }));

function sampleWriter(): GgufWriter {
  const w = new GgufWriter();
  w.add("t.u8", GgufValueType.UINT8, 200)
    .add("t.i8", GgufValueType.INT8, -5)
    .add("t.u16", GgufValueType.UINT16, 60000)
    .add("t.i16", GgufValueType.INT16, -30000)
    .add("t.u32", GgufValueType.UINT32, 4000000000)
    .add("t.i32", GgufValueType.INT32, -2000000000)
    .add("t.f32", GgufValueType.FLOAT32, 0.5)
    .add("t.bool", GgufValueType.BOOL, true)
    .add("t.str", GgufValueType.STRING, "héllo <｜User｜>")
    .add("t.u64", GgufValueType.UINT64, 2n ** 40n)
    .add("t.i64", GgufValueType.INT64, -(2n ** 40n))
    .add("t.f64", GgufValueType.FLOAT64, 1.25)
    .addArray("t.strings", GgufValueType.STRING, ["a", "", "Ġthe"])
    .addArray("t.ints", GgufValueType.INT32, [1, -2, 3]);
  w.addTensor(
    "a.weight",
    [4, 3],
    GGML_TYPES.F32,
    Float32Array.from({ length: 12 }, (_, i) => i),
  );
  w.addTensor("b.weight", [5], GGML_TYPES.F16, new Float32Array([1, 2, 3, 4, 5]));
  w.addTensor("c.weight", [64, 2], GGML_TYPES.Q8_0);
  return w;
}

test("every metadata type and tensor round-trips through node-llama-cpp's reader", async () => {
  const path = join(dir, "sample.gguf");
  const layout = await sampleWriter().writeFile(path);
  assert.equal(readFileSync(path).length, layout.totalBytes);
  const info = await readGgufFileInfo(path, { logWarnings: false });
  assert.equal(info.version, 3);
  const t = (info.metadata as unknown as { t: Record<string, unknown> }).t;
  // biome-ignore format: compact expectation
  assert.deepEqual(
    { ...t },
    {
      u8: 200, i8: -5, u16: 60000, i16: -30000, u32: 4000000000, i32: -2000000000, f32: 0.5, bool: true,
      str: "héllo <｜User｜>", u64: 2n ** 40n, i64: -(2n ** 40n), f64: 1.25, strings: ["a", "", "Ġthe"], ints: [1, -2, 3],
    },
  );
  const tensors = info.tensorInfo!.map((x) => ({
    name: x.name,
    dims: x.dimensions,
    type: x.ggmlType,
    offset: x.offset,
  }));
  assert.deepEqual(tensors, [
    { name: "a.weight", dims: [4, 3], type: 0, offset: 0 },
    { name: "b.weight", dims: [5], type: 1, offset: 64 },
    { name: "c.weight", dims: [64, 2], type: 8, offset: 96 },
  ]);
  // data section starts at infoEndOffset, aligned to 32; F32 values land where the offsets say
  const bytes = readFileSync(path);
  const start = info.infoEndOffset!;
  assert.equal(start % 32, 0);
  assert.equal(bytes.readFloatLE(start + 4 * 7), 7);
  assert.equal(bytes.readUInt16LE(start + 64 + 2 * 2), f32ToF16Bits(3));
  assert.equal(start + 96 + 4 * 34 + 24, layout.totalBytes); // 4 Q8_0 blocks, padded to 32
});

test("toBuffer and writeFile write the same bytes", async () => {
  const { writer } = buildTinyModel({ reply: "<think>\nhm</think>OK" });
  const path = join(dir, "tiny.gguf");
  await writer.writeFile(path);
  assert.deepEqual(readFileSync(path), writer.toBuffer());
});

test("headerOnly writes the header and tensor infos, nothing else", async () => {
  const path = join(dir, "header.gguf");
  const layout = await sampleWriter().writeFile(path, { headerOnly: true });
  assert.equal(readFileSync(path).length, layout.header.length);
  const info = await readGgufFileInfo(path, { logWarnings: false });
  assert.equal(info.tensorInfo?.length, 3);
});

test("the same seed writes the same file", () => {
  const a = buildTinyModel({ seed: 7 }).writer.toBuffer();
  const b = buildTinyModel({ seed: 7 }).writer.toBuffer();
  const c = buildTinyModel({ seed: 8 }).writer.toBuffer();
  assert.deepEqual(a, b);
  assert.notDeepEqual(a, c);
});

test("rejects duplicate keys, duplicate tensors, wrong value counts and misaligned rows", () => {
  const w = new GgufWriter().add("k", GgufValueType.UINT32, 1);
  assert.throws(() => w.add("k", GgufValueType.UINT32, 2), /duplicate GGUF key k/);
  w.addTensor("x", [2], GGML_TYPES.F32, new Float32Array(2));
  assert.throws(() => w.addTensor("x", [2], GGML_TYPES.F32, new Float32Array(2)), /duplicate tensor x/);
  assert.throws(() => w.addTensor("y", [3], GGML_TYPES.F32, new Float32Array(2)), /needs 3 values, got 2/);
  assert.throws(() => w.addTensor("z", [100], GGML_TYPES.Q4_K), /not a multiple of the Q4_K block/);
});

test("f32 → f16 conversion rounds to nearest even and keeps specials", () => {
  assert.equal(f32ToF16Bits(1), 0x3c00);
  assert.equal(f32ToF16Bits(-2), 0xc000);
  assert.equal(f32ToF16Bits(65504), 0x7bff);
  assert.equal(f32ToF16Bits(1e6), 0x7c00);
  assert.equal(f32ToF16Bits(Number.NaN) & 0x7e00, 0x7e00);
  assert.equal(f32ToF16Bits(2 ** -24), 0x0001); // smallest subnormal
  assert.equal(f32ToF16Bits(1 + 2 ** -11), 0x3c00); // halfway: ties to even
  assert.equal(f32ToF16Bits(0.1), 0x2e66);
});
