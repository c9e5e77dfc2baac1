/**
 * GGUF v3 writer (little-endian), one encoder with two outputs: `toBuffer()` for tiny test models and
 * `writeFile()`, which streams tensor data chunk by chunk so multi-GB shape-alike files need little RAM.
 *
 * Layout: "GGUF" | u32 version=3 | i64 n_tensors | i64 n_kv | n_kv × {string key | i32 type | value}
 *   | n_tensors × {string name | u32 n_dims | i64 ne[n_dims] | i32 ggml_type | u64 offset}
 *   | zero padding to `alignment` | tensor data, each tensor padded to `alignment`.
 * llama.cpp requires each offset to be the running sum of the padded sizes before it, in info order,
 * so data is written in exactly that order. Duplicate keys or tensor names are rejected by llama.cpp too.
 */
import { open } from "node:fs/promises";
import {
  encodeFloats,
  fillRandomBlocks,
  type GgmlTensorType,
  isFloatType,
  tensorByteSize,
} from "./ggml-blocks.js";

export const GgufValueType = {
  UINT8: 0,
  INT8: 1,
  UINT16: 2,
  INT16: 3,
  UINT32: 4,
  INT32: 5,
  FLOAT32: 6,
  BOOL: 7,
  STRING: 8,
  ARRAY: 9,
  UINT64: 10,
  INT64: 11,
  FLOAT64: 12,
} as const;
export type GgufScalarType = Exclude<(typeof GgufValueType)[keyof typeof GgufValueType], 9>;
export type GgufScalar = number | bigint | string | boolean;

interface KeyValue {
  key: string;
  type: GgufScalarType | 9;
  value: GgufScalar | readonly GgufScalar[];
  elementType?: GgufScalarType;
}

export interface TensorEntry {
  name: string;
  dims: readonly number[];
  type: GgmlTensorType;
  /** Float values for F32/F16 tensors; absent for quantized tensors, which get random blocks. */
  values: Float32Array | undefined;
  byteSize: number;
}

export interface GgufLayout {
  header: Buffer;
  /** Bytes of the tensor data section, padding included. */
  dataBytes: number;
  totalBytes: number;
}

export interface WriteFileOptions {
  /** Write only the header and tensor infos (a deliberately truncated file: shapes without data). */
  headerOnly?: boolean;
  chunkBytes?: number;
  onProgress?: (writtenBytes: number, totalBytes: number) => void;
}

type Writer = (b: Buffer, v: GgufScalar) => unknown;
const SCALAR_WRITERS: Record<Exclude<GgufScalarType, 8>, [number, Writer]> = {
  [GgufValueType.UINT8]: [1, (b, v) => b.writeUInt8(Number(v))],
  [GgufValueType.INT8]: [1, (b, v) => b.writeInt8(Number(v))],
  [GgufValueType.UINT16]: [2, (b, v) => b.writeUInt16LE(Number(v))],
  [GgufValueType.INT16]: [2, (b, v) => b.writeInt16LE(Number(v))],
  [GgufValueType.UINT32]: [4, (b, v) => b.writeUInt32LE(Number(v))],
  [GgufValueType.INT32]: [4, (b, v) => b.writeInt32LE(Number(v))],
  [GgufValueType.FLOAT32]: [4, (b, v) => b.writeFloatLE(Number(v))],
  [GgufValueType.BOOL]: [1, (b, v) => b.writeInt8(v === true ? 1 : 0)],
  [GgufValueType.UINT64]: [8, (b, v) => b.writeBigUInt64LE(BigInt(v))],
  [GgufValueType.INT64]: [8, (b, v) => b.writeBigInt64LE(BigInt(v))],
  [GgufValueType.FLOAT64]: [8, (b, v) => b.writeDoubleLE(Number(v))],
};

class HeaderSink {
  private readonly chunks: Buffer[] = [];
  length = 0;
  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.length += buf.length;
  }
  scalar(type: GgufScalarType, v: GgufScalar): void {
    if (type === GgufValueType.STRING) {
      const bytes = Buffer.from(String(v), "utf8");
      this.scalar(GgufValueType.UINT64, bytes.length);
      this.push(bytes);
      return;
    }
    const [size, write] = SCALAR_WRITERS[type];
    const b = Buffer.alloc(size);
    write(b, v);
    this.push(b);
  }
  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.length);
  }
}

export class GgufWriter {
  readonly alignment: number;
  private readonly kv: KeyValue[] = [];
  readonly tensors: TensorEntry[] = [];

  constructor(options: { alignment?: number } = {}) {
    this.alignment = options.alignment ?? 32;
  }

  add(key: string, type: GgufScalarType, value: GgufScalar): this {
    this.assertNewKey(key);
    this.kv.push({ key, type, value });
    return this;
  }

  addArray(key: string, elementType: GgufScalarType, values: readonly GgufScalar[]): this {
    this.assertNewKey(key);
    this.kv.push({ key, type: GgufValueType.ARRAY, value: values, elementType });
    return this;
  }

  /** Drop a key (to write deliberately broken files in tests). */
  remove(key: string): this {
    const i = this.kv.findIndex((kv) => kv.key === key);
    if (i >= 0) this.kv.splice(i, 1);
    return this;
  }

  /** `dims` in ggml order: dims[0] is the row length, e.g. token_embd = [n_embd, n_vocab]. */
  addTensor(name: string, dims: readonly number[], type: GgmlTensorType, values?: Float32Array): this {
    if (this.tensors.some((t) => t.name === name)) throw new Error(`duplicate tensor ${name}`);
    const elements = dims.reduce((a, b) => a * b, 1);
    if (isFloatType(type) && values?.length !== elements) {
      throw new Error(
        `tensor ${name}: ${type.name} needs ${elements} values, got ${values?.length ?? "none"}`,
      );
    }
    if (!isFloatType(type) && values != null) throw new Error(`tensor ${name}: ${type.name} takes no values`);
    this.tensors.push({ name, dims, type, values, byteSize: tensorByteSize(name, dims, type) });
    return this;
  }

  layout(): GgufLayout {
    const h = new HeaderSink();
    h.push(Buffer.from("GGUF", "ascii"));
    h.scalar(GgufValueType.UINT32, 3);
    h.scalar(GgufValueType.INT64, this.tensors.length);
    h.scalar(GgufValueType.INT64, this.kv.length);
    for (const { key, type, value, elementType } of this.kv) {
      h.scalar(GgufValueType.STRING, key);
      h.scalar(GgufValueType.INT32, type);
      if (type === GgufValueType.ARRAY && elementType != null && Array.isArray(value)) {
        h.scalar(GgufValueType.INT32, elementType);
        h.scalar(GgufValueType.UINT64, value.length);
        for (const v of value) h.scalar(elementType, v);
      } else h.scalar(type as GgufScalarType, value as GgufScalar);
    }
    let offset = 0;
    for (const t of this.tensors) {
      h.scalar(GgufValueType.STRING, t.name);
      h.scalar(GgufValueType.UINT32, t.dims.length);
      for (const d of t.dims) h.scalar(GgufValueType.INT64, d);
      h.scalar(GgufValueType.INT32, t.type.id);
      h.scalar(GgufValueType.UINT64, offset);
      offset += this.padded(t.byteSize);
    }
    h.push(Buffer.alloc(this.padded(h.length) - h.length));
    const header = h.toBuffer();
    return { header, dataBytes: offset, totalBytes: header.length + offset };
  }

  /** The whole file in memory: for tiny models only. */
  toBuffer(): Buffer {
    const { header, totalBytes } = this.layout();
    return Buffer.concat([header, ...this.dataChunks()], totalBytes);
  }

  async writeFile(path: string, options: WriteFileOptions = {}): Promise<GgufLayout> {
    const layout = this.layout();
    const file = await open(path, "w");
    try {
      await file.write(layout.header);
      let written = layout.header.length;
      if (options.headerOnly !== true) {
        for (const chunk of this.dataChunks(options.chunkBytes)) {
          await file.write(chunk);
          written += chunk.length;
          options.onProgress?.(written, layout.totalBytes);
        }
      }
    } finally {
      await file.close();
    }
    return layout;
  }

  private *dataChunks(chunkBytes = 8 << 20): Generator<Buffer> {
    for (const t of this.tensors) {
      if (t.values != null) yield encodeFloats(t.values, t.type);
      else {
        const per = Math.max(1, Math.floor(chunkBytes / t.type.typeSize)) * t.type.typeSize;
        // A fresh buffer per chunk: a consumer may still hold the previous one (async writes, concat).
        for (let left = t.byteSize; left > 0; left -= per) {
          const chunk = Buffer.allocUnsafe(Math.min(per, left));
          fillRandomBlocks(chunk, t.type);
          yield chunk;
        }
      }
      const pad = this.padded(t.byteSize) - t.byteSize;
      if (pad > 0) yield Buffer.alloc(pad);
    }
  }

  private padded(n: number): number {
    return Math.ceil(n / this.alignment) * this.alignment;
  }

  private assertNewKey(key: string): void {
    if (this.kv.some((kv) => kv.key === key)) throw new Error(`duplicate GGUF key ${key}`);
  }
}
