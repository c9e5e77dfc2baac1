/**
 * Checks that a parsed GGUF header describes a model the bundled llama.cpp can load without aborting the
 * process (GGML_ASSERT, not an exception): a supported architecture, the hparams its loader requires, a
 * tokenizer without duplicate token texts. Returns the facts validateGgufFile reports.
 */
import { ARR, F32, I32, type MetaValue, STR, typeName, U32 } from "./gguf-header-cursor.js";
import { Problem } from "./gguf-problem.js";

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

/** What the first part's metadata says about the model; validateGgufFile's GgufSummary adds the rest. */
export interface ModelFacts {
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
  /** general.file_type (llama_ftype) and its name, e.g. 15 / "Q4_K_M". */
  fileType: number | undefined;
  fileTypeName: string | undefined;
  hasChatTemplate: boolean;
  chatTemplate: string | undefined;
}

export function checkModel(meta: Map<string, MetaValue>): ModelFacts {
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
