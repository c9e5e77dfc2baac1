/**
 * Checks a GGUF file before llama.cpp sees it. llama.cpp aborts the whole process (GGML_ASSERT, not an
 * exception) on some malformed headers: a missing head_count or feed_forward_length, duplicate token texts,
 * block_count 0, an unknown rope scaling type, bad expert counts. So this reads the header itself, bounded by
 * the file size (node-llama-cpp's reader zero-fills past EOF and would loop on a garbage array length), and
 * turns every problem into one `invalid_model_file` error that names the file and what is wrong.
 */
import { type FileHandle, open, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { DeepthinkError } from "../../errors.js";

export interface GgufSummary {
  /** Absolute path; the first part for a split model. */
  path: string;
  architecture: string;
  name: string | undefined;
  /** general.size_label, e.g. "1.8B". */
  sizeLabel: string | undefined;
  contextLength: number;
  embeddingLength: number;
  blockCount: number;
  /** The largest per-layer value when the file stores an array. */
  headCount: number | undefined;
  headCountKv: number | undefined;
  feedForwardLength: number | undefined;
  vocabSize: number;
  tensorCount: number;
  /** Elements in all tensors (embeddings and output included). */
  parameterCount: number;
  /** general.file_type (llama_ftype) and its name, e.g. 15 / "Q4_K_M". */
  fileType: number | undefined;
  fileTypeName: string | undefined;
  /** Bytes on disk, all parts together. */
  sizeBytes: number;
  ggufVersion: number;
  hasChatTemplate: boolean;
  chatTemplate: string | undefined;
  isSplit: boolean;
  /** Every part in order (just `path` when not split). */
  parts: string[];
}

// ggml_type id → [values per block, bytes per block], as the bundled llama.cpp reports them.
// biome-ignore format: a table
const GGML_TYPE_SIZES: Record<number, readonly [number, number]> = {
  0: [1, 4], 1: [1, 2], 2: [32, 18], 3: [32, 20], 6: [32, 22], 7: [32, 24], 8: [32, 34], 9: [32, 36],
  10: [256, 84], 11: [256, 110], 12: [256, 144], 13: [256, 176], 14: [256, 210], 15: [256, 292],
  16: [256, 66], 17: [256, 74], 18: [256, 98], 19: [256, 50], 20: [32, 18], 21: [256, 110], 22: [256, 82],
  23: [256, 136], 24: [1, 1], 25: [1, 2], 26: [1, 4], 27: [1, 8], 28: [1, 8], 29: [256, 56], 30: [1, 2],
  34: [256, 54], 35: [256, 66], 39: [32, 17], 40: [64, 36], 41: [128, 18], 42: [64, 18],
};

// llama.h LLAMA_FTYPE_MOSTLY_* names.
// biome-ignore format: a table
const FILE_TYPE_NAMES: Record<number, string> = {
  0: "F32", 1: "F16", 2: "Q4_0", 3: "Q4_1", 7: "Q8_0", 8: "Q5_0", 9: "Q5_1", 10: "Q2_K", 11: "Q3_K_S",
  12: "Q3_K_M", 13: "Q3_K_L", 14: "Q4_K_S", 15: "Q4_K_M", 16: "Q5_K_S", 17: "Q5_K_M", 18: "Q6_K",
  19: "IQ2_XXS", 20: "IQ2_XS", 21: "Q2_K_S", 22: "IQ3_XS", 23: "IQ3_XXS", 24: "IQ1_S", 25: "IQ4_NL",
  26: "IQ3_S", 27: "IQ3_M", 28: "IQ2_S", 29: "IQ2_M", 30: "IQ4_XS", 31: "IQ1_M", 32: "BF16", 36: "TQ1_0",
  37: "TQ2_0", 38: "MXFP4_MOE", 39: "NVFP4", 40: "Q1_0", 41: "Q2_0",
};

/** LLM_ARCH_NAMES of the llama.cpp that node-llama-cpp 3.21.1 bundles (src/llama-arch.cpp), minus "clip". */
const SUPPORTED_ARCHITECTURES = new Set(
  (
    "llama llama4 deci falcon grok gpt2 gptj gptneox mpt baichuan starcoder refact bert modern-bert nomic-bert " +
    "nomic-bert-moe neo-bert jina-bert-v2 jina-bert-v3 eurobert bloom stablelm qwen qwen2 qwen2moe qwen2vl qwen3 " +
    "qwen3moe qwen3next qwen3vl qwen3vlmoe qwen35 qwen35moe qwen4exp phi2 phi3 phimoe plamo plamo2 plamo3 " +
    "codeshell orion internlm2 minicpm minicpm3 gemma gemma2 gemma3 gemma3n gemma4 gemma4-assistant " +
    "gemma-embedding starcoder2 mamba mamba2 jamba falcon-h1 xverse command-r cohere2 cohere2moe dbrx olmo olmo2 " +
    "olmoe muse-glimmer openelm arctic deepseek deepseek2 deepseek2-ocr deepseek32 deepseek4 chatglm glm4 " +
    "glm4moe glm-dsa bitnet t5 t5encoder jais jais2 nemotron nemotron_h nemotron_h_moe exaone exaone4 exaone-moe " +
    "rwkv6 rwkv6qwen2 rwkv7 arwkv7 granite granitemoe granitehybrid graniteswitch granite_swa chameleon " +
    "wavtokenizer-dec plm bailingmoe bailingmoe2 bailingmoe3 dots1 dots3note arcee afmoe laguna ernie4_5 " +
    "ernie4_5-moe hunyuan-moe hunyuan-dense hunyuan_vl hy_v3 smollm3 gpt-oss lfm2 lfm2moe dream smallthinker " +
    "llada llada-moe seed_oss grovemoe apertus minimax-01 minimax-m2 minimax-m3 cogvlm rnd1 pangu-embedded " +
    "mistral3 eagle3 dflash mistral4 paddleocr mimo2 step35 llama-embed maincoder kimi-linear kimi-k3 talkie " +
    "mellum nanbeige qwen3tts pockettts"
  ).split(" "),
);

/**
 * Architectures whose missing head_count / feed_forward_length abort llama.cpp, with the norm epsilon key
 * their loader requires (checked in src/models/<arch>.cpp). Others get the checks every arch needs.
 */
const STRICT_ARCHITECTURES: Record<string, string> = {
  ...Object.fromEntries(
    (
      "llama qwen2 qwen2moe qwen3 qwen3moe deepseek deepseek2 mistral3 gemma gemma2 gemma3 phi3 granite olmo2 " +
      "internlm2"
    )
      .split(" ")
      .map((a) => [a, "layer_norm_rms_epsilon"]),
  ),
  gpt2: "layer_norm_epsilon",
  falcon: "layer_norm_epsilon",
};

const ROPE_SCALING_TYPES = new Set(["none", "linear", "yarn", "longrope"]);
const MAX_LAYERS = 512; // LLAMA_MAX_LAYERS
const MAX_EXPERTS = 1024; // LLAMA_MAX_EXPERTS

type Scalar = number | bigint | string | boolean;
const U32 = 4;
const I32 = 5;
const F32 = 6;
const STR = 8;
const ARR = 9;
const U64 = 10;
const I64 = 11;
// GGUF value type id → [name, bytes, read]. Strings (8) and arrays (9) are variable-length.
// biome-ignore format: a table
const SCALARS: Record<number, readonly [string, number, (b: Buffer, at: number) => Scalar]> = {
  0: ["UINT8", 1, (b, at) => b.readUInt8(at)], 1: ["INT8", 1, (b, at) => b.readInt8(at)],
  2: ["UINT16", 2, (b, at) => b.readUInt16LE(at)], 3: ["INT16", 2, (b, at) => b.readInt16LE(at)],
  4: ["UINT32", 4, (b, at) => b.readUInt32LE(at)], 5: ["INT32", 4, (b, at) => b.readInt32LE(at)],
  6: ["FLOAT32", 4, (b, at) => b.readFloatLE(at)], 7: ["BOOL", 1, (b, at) => b.readUInt8(at) !== 0],
  10: ["UINT64", 8, (b, at) => b.readBigUInt64LE(at)], 11: ["INT64", 8, (b, at) => b.readBigInt64LE(at)],
  12: ["FLOAT64", 8, (b, at) => b.readDoubleLE(at)],
};
const typeName = (type: number) =>
  type === STR ? "STRING" : type === ARR ? "ARRAY" : (SCALARS[type]?.[0] ?? `type ${type}`);

interface MetaValue {
  type: number;
  value?: Scalar;
  elementType?: number;
  length?: number;
  /** Kept for string arrays we need (tokens) and short numeric arrays (per-layer hparams). */
  values?: Scalar[];
}

interface ParsedHeader {
  version: number;
  meta: Map<string, MetaValue>;
  tensorCount: number;
  parameterCount: number;
  /** Bytes the file must have: header, padding and every tensor's data. */
  expectedBytes: number;
}

/** A finding about the file; becomes the DeepthinkError message, with a hint for a person. */
class Problem extends Error {
  constructor(
    message: string,
    readonly hint = "The file is corrupt or not a llama.cpp model: download it again or regenerate it.",
  ) {
    super(message);
  }
}

/** The header goes past the bytes read so far: read `needed` bytes and parse again. */
class NeedMore {
  constructor(readonly needed: number) {}
}

/**
 * Reads little-endian values from the start of the file, never past its end. Synchronous over a buffer
 * (a vocabulary is ~150k values; an await per value costs seconds under the test runner's async hooks);
 * the caller reads a larger prefix and parses again when the header does not fit.
 */
class HeaderCursor {
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

async function readPart(path: string): Promise<ParsedHeader & { sizeBytes: number }> {
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

const num = (v: MetaValue | undefined) => (typeof v?.value === "number" ? v.value : undefined);
const str = (v: MetaValue | undefined) => (typeof v?.value === "string" ? v.value : undefined);

/** A per-layer count: a UINT32 scalar, or an integer array of block_count entries. Returns the largest. */
function layerCount(
  meta: Map<string, MetaValue>,
  key: string,
  layers: number,
  required: boolean,
): number | undefined {
  const v = meta.get(key);
  if (v == null) {
    if (required) throw new Problem(`${key} is missing (llama.cpp would abort the process)`);
    return undefined;
  }
  if (v.type === ARR) {
    const values = v.values?.map(Number) ?? [];
    if ((v.elementType !== U32 && v.elementType !== I32) || values.length !== layers) {
      throw new Problem(`${key} must hold ${layers} integers (one per layer)`);
    }
    if (values.some((x) => x < 0) || !values.some((x) => x > 0))
      throw new Problem(`${key} has no positive entry`);
    return Math.max(...values);
  }
  if (v.type !== U32) throw new Problem(`${key} has type ${typeName(v.type)}, expected UINT32`);
  if (required && v.value === 0) throw new Problem(`${key} is 0`);
  return v.value as number;
}

function requireU32(meta: Map<string, MetaValue>, key: string, min: number, max = 0xffffffff): number {
  const v = meta.get(key);
  if (v == null) throw new Problem(`${key} is missing`);
  if (v.type !== U32) throw new Problem(`${key} has type ${typeName(v.type)}, expected UINT32`);
  const n = v.value as number;
  if (n < min || n > max) throw new Problem(`${key} is ${n}, expected ${min} to ${max}`);
  return n;
}

type ModelFacts = Omit<
  GgufSummary,
  "path" | "tensorCount" | "parameterCount" | "sizeBytes" | "ggufVersion" | "isSplit" | "parts"
>;

function checkModel(meta: Map<string, MetaValue>): ModelFacts {
  const generalType = str(meta.get("general.type"));
  if (generalType === "adapter")
    throw new Problem(
      "it is a LoRA adapter (general.type = adapter), not a model",
      "Pass the base model's GGUF; adapters are not loaded as models.",
    );
  const arch = meta.get("general.architecture");
  if (arch == null) throw new Problem("general.architecture is missing");
  if (typeof arch.value !== "string") throw new Problem("general.architecture is not a string");
  const a = arch.value;
  if (a === "clip" || generalType === "mmproj")
    throw new Problem("it is a vision projector (mmproj), not a model", "Pass the language model's GGUF.");
  if (!SUPPORTED_ARCHITECTURES.has(a)) {
    throw new Problem(
      `architecture ${JSON.stringify(a)} is not supported by the bundled llama.cpp`,
      "Use a model of a supported architecture (the R1 family is qwen2, llama and deepseek2).",
    );
  }
  const contextLength = requireU32(meta, `${a}.context_length`, 1);
  const embeddingLength = requireU32(meta, `${a}.embedding_length`, 1);
  const blockCount = requireU32(meta, `${a}.block_count`, 1, MAX_LAYERS);
  const normKey = STRICT_ARCHITECTURES[a];
  const strict = normKey != null;
  const headCount = layerCount(meta, `${a}.attention.head_count`, blockCount, strict);
  const headCountKv = layerCount(meta, `${a}.attention.head_count_kv`, blockCount, false);
  const feedForwardLength = layerCount(meta, `${a}.feed_forward_length`, blockCount, strict);
  if (strict && headCountKv === 0) throw new Problem(`${a}.attention.head_count_kv is 0`);
  if (normKey != null) {
    const eps = meta.get(`${a}.attention.${normKey}`);
    if (eps == null) throw new Problem(`${a}.attention.${normKey} is missing`);
    if (eps.type !== F32) throw new Problem(`${a}.attention.${normKey} is not a FLOAT32`);
  }
  const ropeScaling = meta.get(`${a}.rope.scaling.type`);
  if (ropeScaling != null && !ROPE_SCALING_TYPES.has(String(ropeScaling.value))) {
    throw new Problem(
      `${a}.rope.scaling.type ${JSON.stringify(ropeScaling.value)} is unknown (llama.cpp would abort)`,
    );
  }
  const experts = num(meta.get(`${a}.expert_count`)) ?? 0;
  const used = layerCount(meta, `${a}.expert_used_count`, blockCount, false) ?? 0;
  if (experts > MAX_EXPERTS || used > experts || (experts > 0 && used === 0)) {
    throw new Problem(`${a}.expert_count ${experts} / expert_used_count ${used} are inconsistent`);
  }

  const tokens = meta.get("tokenizer.ggml.tokens");
  if (tokens?.values == null || tokens.elementType !== STR || tokens.values.length === 0) {
    throw new Problem("it has no tokenizer (tokenizer.ggml.tokens is missing or empty)");
  }
  // llama.cpp maps each token text to its id and GGML_ASSERTs the map has one entry per token.
  const seen = new Set<string>();
  tokens.values.forEach((t, i) => {
    const text = t === "" ? `[EMPTY_${i}]` : String(t);
    if (seen.has(text))
      throw new Problem(`token ${i} ${JSON.stringify(text)} repeats an earlier token's text`);
    seen.add(text);
  });
  const tokenTypes = meta.get("tokenizer.ggml.token_type");
  if (tokenTypes != null && (tokenTypes.length ?? 0) < tokens.values.length) {
    throw new Problem("tokenizer.ggml.token_type has fewer entries than tokenizer.ggml.tokens");
  }
  if (str(meta.get("tokenizer.ggml.model")) === "gpt2" && !meta.has("tokenizer.ggml.merges")) {
    throw new Problem("tokenizer.ggml.merges is missing (required for a gpt2/BPE tokenizer)");
  }
  const fileType = num(meta.get("general.file_type"));
  const chatTemplate = str(meta.get("tokenizer.chat_template"));
  return {
    architecture: a,
    name: str(meta.get("general.name")),
    sizeLabel: str(meta.get("general.size_label")),
    contextLength,
    embeddingLength,
    blockCount,
    headCount,
    headCountKv,
    feedForwardLength,
    vocabSize: tokens.values.length,
    fileType,
    fileTypeName: fileType != null ? FILE_TYPE_NAMES[fileType] : undefined,
    hasChatTemplate: chatTemplate != null && chatTemplate !== "",
    chatTemplate,
  };
}

const VOCAB_ONLY = "has no tensors: it is a vocabulary-only GGUF, not a model";
const VOCAB_ONLY_HINT = "Pass a model file with weights.";
const SPLIT = /-(\d{5})-of-(\d{5})\.gguf$/i;

export async function validateGgufFile(path: string): Promise<GgufSummary> {
  const full = resolve(path);
  const fail = (what: string, hint: string, cause?: unknown) =>
    new DeepthinkError("invalid_model_file", `${path}: ${what}`, {
      hint,
      ...(cause != null ? { cause } : {}),
    });
  const entry = await stat(full).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT"
      ? fail("no such file", "Check the path, or download the model first.", error)
      : fail(`cannot read it (${error.code ?? error.message})`, "Check the file's permissions.", error);
  });
  if (entry.isDirectory())
    throw fail("is a directory, not a GGUF file", "Pass the path of the .gguf file inside it.");
  if (!entry.isFile()) throw fail("is not a regular file", "Pass the path of a .gguf file.");

  const split = SPLIT.exec(basename(full));
  const partCount = split != null ? Number(split[2]) : 1;
  const parts = Array.from({ length: partCount }, (_, i) =>
    split != null
      ? join(
          dirname(full),
          basename(full).replace(SPLIT, `-${String(i + 1).padStart(5, "0")}-of-${split[2]}.gguf`),
        )
      : full,
  );
  if (split != null && Number(split[1]) !== 1) {
    throw fail(
      `is part ${Number(split[1])} of ${partCount} of a split model`,
      `Pass the first part: ${parts[0]}`,
    );
  }
  let facts: ModelFacts | undefined;
  let ggufVersion = 0;
  let tensorCount = 0;
  let parameterCount = 0;
  let sizeBytes = 0;
  for (const [i, part] of parts.entries()) {
    const label = i === 0 ? "" : `part ${i + 1} of ${partCount} (${part}): `;
    const exists = await stat(part).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists)
      throw fail(
        `split model is missing part ${i + 1} of ${partCount}: ${part}`,
        "Download every part into the same folder.",
      );
    try {
      const header = await readPart(part);
      if (i === 0) {
        if (partCount === 1 && header.tensorCount === 0) throw new Problem(VOCAB_ONLY, VOCAB_ONLY_HINT);
        facts = checkModel(header.meta);
        ggufVersion = header.version;
      }
      tensorCount += header.tensorCount;
      parameterCount += header.parameterCount;
      sizeBytes += header.sizeBytes;
    } catch (error) {
      if (error instanceof Problem) throw fail(label + error.message, error.hint);
      const why = error instanceof Error ? error.message : String(error);
      throw fail(`${label}cannot be read (${why})`, "Check the file and its permissions.", error);
    }
  }
  if (tensorCount === 0) throw fail(VOCAB_ONLY, VOCAB_ONLY_HINT);
  return {
    path: full,
    ...facts!,
    tensorCount,
    parameterCount,
    sizeBytes,
    ggufVersion,
    isSplit: split != null,
    parts,
  };
}
