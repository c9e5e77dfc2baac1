/**
 * Reads one GGUF file's header: magic, version, metadata and tensor infos, bounded by the file size
 * (node-llama-cpp's reader zero-fills past EOF and would loop on a garbage array length). It checks only
 * that the file is a well-formed, complete GGUF; whether it is a usable model is gguf-model-checks.ts.
 */
import { type FileHandle, open } from "node:fs/promises";
import {
  ARR,
  HeaderCursor,
  I32,
  I64,
  type MetaValue,
  NeedMore,
  SCALARS,
  type Scalar,
  STR,
  U32,
  U64,
} from "./gguf-header-cursor.js";
import { Problem } from "./gguf-problem.js";

// ggml_type id → [values per block, bytes per block], as the bundled llama.cpp reports them.
// biome-ignore format: a table
const GGML_TYPE_SIZES: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17], 40: [64, 36], 41: [128, 18], 42: [64, 18],
};

export interface ParsedHeader {
  version: number;
  meta: Map<string, MetaValue>;
  tensorCount: number;
  parameterCount: number;
  /** Bytes the file must have: header, padding and every tensor's data. */
  expectedBytes: number;
}

/** A parsed header plus the file's size on disk. */
export type GgufHeader = ParsedHeader & { sizeBytes: number };

function readHeader(reader: HeaderCursor): ParsedHeader {
  const version = reader.scalar(U32, "the GGUF version") as number;
  if (version === 1) throw new Problem("it is GGUF version 1, which llama.cpp no longer reads");
  if (version === 0x02000000 || version === 0x03000000) {
    throw new Problem("it is a big-endian GGUF; llama.cpp here reads little-endian files only");
  }
  if (version !== 2 && version !== 3) throw new Problem(`it has unsupported GGUF version ${version}`);
  const tensorCount = reader.count("the tensor count", 1 << 20);
  const kvCount = reader.count("the metadata key count", 1 << 16);
  const meta = new Map<string, MetaValue>();
  for (let i = 0; i < kvCount; i++) {
    const key = reader.string(`metadata key #${i}`);
    if (meta.has(key)) throw new Problem(`metadata key ${key} appears twice`);
    const type = reader.scalar(I32, `the type of ${key}`) as number;
    if (type !== ARR) {
      meta.set(key, { type, value: reader.scalar(type, key) });
      continue;
    }
    const elementType = reader.scalar(I32, `the element type of ${key}`) as number;
    const elementBytes = elementType === STR ? 8 : SCALARS[elementType]?.[1];
    if (elementBytes == null) throw new Problem(`array ${key} has unsupported element type ${elementType}`);
    const length = reader.count(
      `the length of ${key}`,
      Math.floor((reader.size - reader.pos) / elementBytes),
    );
    const keep = key === "tokenizer.ggml.tokens" || (elementType !== STR && length <= 4096);
    const values: Scalar[] = [];
    for (let j = 0; j < length; j++) {
      if (keep) values.push(reader.scalar(elementType, `an element of ${key}`));
      else if (elementType === STR) reader.skipString(`an element of ${key}`);
      else {
        reader.pos += elementBytes * (length - j);
        break;
      }
    }
    meta.set(key, { type, elementType, length, ...(keep ? { values } : {}) });
  }
  const alignment = meta.get("general.alignment")?.value ?? 32;
  if (typeof alignment !== "number" || alignment < 1 || (alignment & (alignment - 1)) !== 0) {
    throw new Problem(`general.alignment ${String(alignment)} is not a power of two`);
  }
  let dataBytes = 0;
  let parameterCount = 0;
  const names = new Set<string>();
  for (let i = 0; i < tensorCount; i++) {
    const name = reader.string(`the name of tensor #${i}`);
    if (names.has(name)) throw new Problem(`tensor ${name} appears twice`);
    names.add(name);
    const nDims = reader.scalar(U32, `the dimension count of ${name}`) as number;
    if (nDims < 1 || nDims > 4) throw new Problem(`tensor ${name} has ${nDims} dimensions (1 to 4 allowed)`);
    const dims: number[] = [];
    for (let d = 0; d < nDims; d++) {
      const ne = reader.scalar(I64, `a dimension of ${name}`) as bigint;
      if (ne < 0n || ne > BigInt(Number.MAX_SAFE_INTEGER))
        throw new Problem(`tensor ${name} has dimension ${ne}`);
      dims.push(Number(ne));
    }
    const type = reader.scalar(I32, `the type of ${name}`) as number;
    const sizes = GGML_TYPE_SIZES[type];
    if (sizes == null) throw new Problem(`tensor ${name} has unknown ggml type ${type}`);
    const [blockSize, typeSize] = sizes;
    if (dims[0]! % blockSize !== 0) {
      throw new Problem(
        `tensor ${name} has rows of ${dims[0]} values, not a multiple of its block size ${blockSize}`,
      );
    }
    const offset = Number(reader.scalar(U64, `the offset of ${name}`) as bigint);
    const elements = dims.reduce((a, b) => a * b, 1);
    parameterCount += elements;
    dataBytes = Math.max(dataBytes, offset + (elements / blockSize) * typeSize);
  }
  const dataStart = Math.ceil(reader.pos / alignment) * alignment;
  return {
    version,
    meta,
    tensorCount,
    parameterCount,
    expectedBytes: tensorCount > 0 ? dataStart + dataBytes : reader.pos,
  };
}

const KNOWN_NOT_GGUF: Array<[RegExp, string]> = [
  [/^version https:\/\/git-lfs/, "it is a Git LFS pointer, not the model (fetch the LFS object)"],
  [/^\s*<(!doctype|html)/i, "it is an HTML page, not a GGUF file (a failed download?)"],
  [/^\s*[{[]/, "it is JSON text, not a GGUF file"],
];

function checkMagic(head: Buffer): void {
  if (head.length === 0) throw new Problem("the file is empty");
  if (head.length >= 4 && head.toString("latin1", 0, 4) === "GGUF") return;
  const text = head.subarray(0, 64).toString("utf8");
  for (const [pattern, why] of KNOWN_NOT_GGUF) if (pattern.test(text)) throw new Problem(why);
  if (head.length >= 10 && head.toString("latin1", 8, 10) === '{"') {
    throw new Problem(
      "it is a safetensors file, not GGUF (convert it with llama.cpp's convert_hf_to_gguf.py)",
    );
  }
  throw new Problem(
    `it is not a GGUF file (it starts with bytes ${head.subarray(0, 4).toString("hex")}, not "GGUF")`,
  );
}

const FIRST_READ = 4 << 20;
const MAX_HEADER = 512 << 20; // real headers are a few MB (the vocabulary); more means a corrupt length

/**
 * Reads and checks the header of the GGUF file at `path`: a 4 MiB prefix first, a larger one when the
 * header (mostly the vocabulary) does not fit. Throws a Problem for anything wrong with the file.
 */
export async function readGgufHeader(path: string): Promise<GgufHeader> {
  let file: FileHandle;
  try {
    file = await open(path, "r");
  } catch (error) {
    throw new Problem(`cannot open it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  try {
    const { size } = await file.stat();
    let length = Math.min(size, FIRST_READ);
    for (;;) {
      const buf = Buffer.alloc(length);
      const { bytesRead } = await file.read(buf, 0, length, 0);
      const prefix = buf.subarray(0, bytesRead);
      checkMagic(prefix);
      const cursor = new HeaderCursor(prefix, size);
      cursor.pos = 4;
      let header: ParsedHeader;
      try {
        header = readHeader(cursor);
      } catch (error) {
        if (!(error instanceof NeedMore)) throw error;
        if (bytesRead < length) throw new Problem("it shrank while being read");
        if (error.needed > MAX_HEADER)
          throw new Problem(`its header claims more than ${MAX_HEADER} bytes; it is corrupt`);
        length = Math.min(size, Math.max(length * 4, error.needed));
        continue;
      }
      if (size < header.expectedBytes) {
        throw new Problem(
          `it is truncated: its tensors need ${header.expectedBytes} bytes but the file has ${size} ` +
            `(${((100 * size) / header.expectedBytes).toFixed(1)}%)`,
          "The download is incomplete: download the file again.",
        );
      }
      return { ...header, sizeBytes: size };
    }
  } finally {
    await file.close();
  }
}
