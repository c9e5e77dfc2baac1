/**
 * The ggml tensor types the test-model writer can emit, and how their bytes are made.
 * Block layouts are those of ggml/src/ggml-common.h in the llama.cpp that node-llama-cpp 3.21.1 bundles:
 *   block_q8_0 { f16 d; int8 qs[32]; }                          34 B / 32 values,  x = d*q
 *   block_q4_0 { f16 d; u8 qs[16]; }                            18 B / 32 values,  x = d*(nibble-8)
 *   block_q4_K { f16 d; f16 dmin; u8 scales[12]; u8 qs[128]; }  144 B / 256 values, x = d*sc*q - dmin*m
 *   block_q6_K { u8 ql[128]; u8 qh[64]; int8 scales[16]; f16 d; } 210 B / 256 values
 * Quantized tensors are filled with random but sane blocks (weights ≈ N(0, 0.02)), never quantized from
 * real values: these files exist to measure speed, which depends on shapes and types, not values.
 */
import { randomFillSync } from "node:crypto";

export interface GgmlTensorType {
  readonly name: string;
  /** ggml_type id as written into the tensor info. */
  readonly id: number;
  /** Values per block; a row length must be a multiple of it. */
  readonly blockSize: number;
  /** Bytes per block. */
  readonly typeSize: number;
}

export const GGML_TYPES = {
  F32: { name: "F32", id: 0, blockSize: 1, typeSize: 4 },
  F16: { name: "F16", id: 1, blockSize: 1, typeSize: 2 },
  Q4_0: { name: "Q4_0", id: 2, blockSize: 32, typeSize: 18 },
  Q8_0: { name: "Q8_0", id: 8, blockSize: 32, typeSize: 34 },
  Q4_K: { name: "Q4_K", id: 12, blockSize: 256, typeSize: 144 },
  Q6_K: { name: "Q6_K", id: 14, blockSize: 256, typeSize: 210 },
} as const satisfies Record<string, GgmlTensorType>;

export function isFloatType(type: GgmlTensorType): boolean {
  return type.id === GGML_TYPES.F32.id || type.id === GGML_TYPES.F16.id;
}

/** Bytes of a tensor with ggml dims `dims` (dims[0] is the row length). */
export function tensorByteSize(name: string, dims: readonly number[], type: GgmlTensorType): number {
  const row = dims[0] ?? 1;
  if (row % type.blockSize !== 0) {
    throw new Error(
      `tensor ${name}: row length ${row} is not a multiple of the ${type.name} block (${type.blockSize})`,
    );
  }
  const elements = dims.reduce((a, b) => a * b, 1);
  return (elements / type.blockSize) * type.typeSize;
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** float32 → IEEE half bits, round-to-nearest-even, with subnormals, infinities and NaN. */
export function f32ToF16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  let exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant !== 0 ? 0x200 : 0);
  exp = exp - 127 + 15;
  if (exp >= 0x1f) return sign | 0x7c00;
  if (exp <= 0) {
    if (exp < -10) return sign;
    mant |= 0x800000;
    const shift = 14 - exp;
    let half = mant >>> shift;
    const rem = mant & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && (half & 1) !== 0)) half++;
    return sign | half;
  }
  let half = sign | (exp << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1) !== 0)) half++;
  return half;
}

/** Encode float values as F32 or F16 little-endian bytes. */
export function encodeFloats(values: Float32Array, type: GgmlTensorType): Buffer {
  if (type.id === GGML_TYPES.F32.id) {
    const out = Buffer.alloc(values.length * 4);
    for (let i = 0; i < values.length; i++) out.writeFloatLE(values[i]!, i * 4);
    return out;
  }
  if (type.id === GGML_TYPES.F16.id) {
    const out = Buffer.alloc(values.length * 2);
    for (let i = 0; i < values.length; i++) out.writeUInt16LE(f32ToF16Bits(values[i]!), i * 2);
    return out;
  }
  throw new Error(`encodeFloats: ${type.name} is not a float type`);
}

// Scales chosen so dequantized weights are ≈ zero-mean with std ≈ 0.02 (like a trained LLM); all f16 normal.
const D_Q8_0 = f32ToF16Bits(0.02 / 73.9); // q uniform in [-128, 127]: std 73.9
const D_Q4_0 = f32ToF16Bits(0.02 / 4.61); // q-8 uniform in [-8, 7]: std 4.61
const D_Q4_K = f32ToF16Bits(0.02 / 258); // std of sc*q - 7.5*m with sc, m ~ U[0,63], q ~ U[0,15]
const DMIN_Q4_K = f32ToF16Bits((7.5 * 0.02) / 258);
const D_Q6_K = f32ToF16Bits(2 ** -14); // scales and q in [-32, 31]: std ≈ 6.1e-5 * 18.5 * 18.5 ≈ 0.021

/** Fill `buf` (a whole number of blocks of `type`) with random blocks. */
export function fillRandomBlocks(buf: Buffer, type: GgmlTensorType): void {
  randomFillSync(buf);
  const blocks = buf.length / type.typeSize;
  switch (type.id) {
    case GGML_TYPES.Q8_0.id:
      for (let b = 0, o = 0; b < blocks; b++, o += 34) buf.writeUInt16LE(D_Q8_0, o);
      return;
    case GGML_TYPES.Q4_0.id:
      // q-8 has mean -0.5: flip the sign of d per block (a random bit of the block) so weights are zero-mean.
      for (let b = 0, o = 0; b < blocks; b++, o += 18) buf.writeUInt16LE(D_Q4_0 | ((buf[o]! & 1) << 15), o);
      return;
    case GGML_TYPES.Q4_K.id:
      // Random scales[12] bytes are valid: every (sc, m) that get_scale_min_k4 decodes is a 6-bit value.
      for (let b = 0, o = 0; b < blocks; b++, o += 144) {
        buf.writeUInt16LE(D_Q4_K, o);
        buf.writeUInt16LE(DMIN_Q4_K, o + 2);
      }
      return;
    case GGML_TYPES.Q6_K.id:
      for (let b = 0, o = 0; b < blocks; b++, o += 210) {
        for (let s = 0; s < 16; s++) buf.writeInt8((buf[o + 192 + s]! & 63) - 32, o + 192 + s);
        buf.writeUInt16LE(D_Q6_K, o + 208);
      }
      return;
    default:
      throw new Error(`fillRandomBlocks: ${type.name} has no random block filler`);
  }
}
