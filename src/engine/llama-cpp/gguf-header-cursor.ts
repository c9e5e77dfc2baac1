/**
 * The low-level GGUF reader: value type ids and a cursor over a prefix of the file that never reads past
 * the file's end. Kept apart from the header layout (gguf-header-reader.ts) so the bounds checks live in
 * one place.
 */
import { Problem } from "./gguf-problem.js";

export type Scalar = number | bigint | string | boolean;
export const U32 = 4;
export const I32 = 5;
export const F32 = 6;
export const STR = 8;
export const ARR = 9;
export const U64 = 10;
export const I64 = 11;
// GGUF value type id → [name, bytes, read]. Strings (8) and arrays (9) are variable-length.
// biome-ignore format: a table
export const SCALARS: Record<number, readonly [string, number, (b: Buffer, at: number) => Scalar]> = {
  0: ["UINT8", 1, (b, at) => b.readUInt8(at)], 1: ["INT8", 1, (b, at) => b.readInt8(at)],
  2: ["UINT16", 2, (b, at) => b.readUInt16LE(at)], 3: ["INT16", 2, (b, at) => b.readInt16LE(at)],
  4: ["UINT32", 4, (b, at) => b.readUInt32LE(at)], 5: ["INT32", 4, (b, at) => b.readInt32LE(at)],
  6: ["FLOAT32", 4, (b, at) => b.readFloatLE(at)], 7: ["BOOL", 1, (b, at) => b.readUInt8(at) !== 0],
  10: ["UINT64", 8, (b, at) => b.readBigUInt64LE(at)], 11: ["INT64", 8, (b, at) => b.readBigInt64LE(at)],
  12: ["FLOAT64", 8, (b, at) => b.readDoubleLE(at)],
};
export const typeName = (type: number) =>
  type === STR ? "STRING" : type === ARR ? "ARRAY" : (SCALARS[type]?.[0] ?? `type ${type}`);

export interface MetaValue {
  type: number;
  value?: Scalar;
  elementType?: number;
  length?: number;
  /** Kept for string arrays we need (tokens) and short numeric arrays (per-layer hparams). */
  values?: Scalar[];
}

/** The header goes past the bytes read so far: read `needed` bytes and parse again. */
export class NeedMore {
  constructor(readonly needed: number) {}
}

/**
 * Reads little-endian values from the start of the file, never past its end. Synchronous over a buffer
 * (a vocabulary is ~150k values; an await per value costs seconds under the test runner's async hooks);
 * the caller reads a larger prefix and parses again when the header does not fit.
 */
export class HeaderCursor {
  pos = 0;
  constructor(
    private readonly buf: Buffer,
    readonly size: number,
  ) {}

  need(n: number, what: string): number {
    if (this.pos + n > this.size) {
      throw new Problem(
        `the file ends inside its header (reading ${what} at byte ${this.pos} of ${this.size}); it is truncated or corrupt`,
      );
    }
    if (this.pos + n > this.buf.length) throw new NeedMore(this.pos + n);
    const at = this.pos;
    this.pos += n;
    return at;
  }

  scalar(type: number, what: string): Scalar {
    if (type === STR) return this.string(what);
    const spec = SCALARS[type];
    if (spec == null) throw new Problem(`${what} has unknown value type ${type}`);
    return spec[2](this.buf, this.need(spec[1], what));
  }

  count(what: string, max: number): number {
    const n = this.scalar(U64, what) as bigint;
    if (n > BigInt(max))
      throw new Problem(`${what} is ${n}, more than the file holds; it is truncated or corrupt`);
    return Number(n);
  }

  string(what: string): string {
    const length = this.count(`the length of ${what}`, this.size - this.pos - 8);
    const at = this.need(length, what);
    return this.buf.toString("utf8", at, at + length);
  }

  skipString(what: string): void {
    // Not `this.pos += this.count(…)`: that reads `this.pos` before count() moves it past the length.
    const length = this.count(`the length of ${what}`, this.size - this.pos - 8);
    this.pos += length;
  }
}
