/**
 * A tiny DeepSeek-R1-Distill-like model (qwen2 or llama arch, F32, R1 vocab and chat template) that
 * llama.cpp loads in ~0.1 s. Random weights give garbage at real-model code paths (lifecycle, throughput);
 * scripted weights make it an exact bigram machine that answers `reply` (see reply-script.ts):
 * attention and FFN outputs are zero, so the residual stream is the token embedding; chain node i gets a
 * one-hot embedding on reserved dim i, and only its successor's output row is non-zero there. After RMS
 * norm that one-hot is sqrt(nEmbd), so the successor's logit is BETA·sqrt(nEmbd) ≥ 32 and every other
 * token's is exactly 0: sampling at temperature ≤ 1 and any top-p picks the successor (p(other) < 1e-11).
 */
import { GGML_TYPES } from "./ggml-blocks.js";
import { GgufValueType, GgufWriter } from "./gguf-writer.js";
import { type ChatTemplateName, r1ChatTemplate } from "./r1-chat-template.js";
import { buildR1Vocab } from "./r1-vocab.js";
import { planReplyScript, type ReplyScript } from "./reply-script.js";
import { seededRandom } from "./seeded-random.js";

export type TinyArch = "qwen2" | "llama";
export type TemplateChoice = ChatTemplateName | "none";

export interface TinyModelOptions {
  arch?: TinyArch;
  template?: TemplateChoice;
  /** Raw output to script, e.g. `<think>\nsum</think>\boxed{4}`; random weights when absent. */
  reply?: string;
  seed?: number;
  contextLength?: number;
}

export interface TinyModelInfo {
  kind: "tiny";
  architecture: TinyArch;
  weights: "random" | "scripted";
  template: TemplateChoice;
  vocabSize: number;
  layers: number;
  embeddingLength: number;
  headCount: number;
  headCountKv: number;
  feedForwardLength: number;
  contextLength: number;
  seed: number;
  reply?: string;
  /** Token ids the scripted model generates after `<｜Assistant｜>`, EOS last. */
  script?: number[];
}

const LAYERS = 2;
const HEADS = 4;
const HEADS_KV = 2;
const FFN = 128;
const BETA = 4;
const WEIGHT_STD = 0.02;

export function buildTinyModel(options: TinyModelOptions = {}): { writer: GgufWriter; info: TinyModelInfo } {
  const arch = options.arch ?? "qwen2";
  const template = options.template ?? "r1";
  const seed = options.seed ?? 1;
  const contextLength = options.contextLength ?? 4096;
  const vocab = buildR1Vocab();
  const script: ReplyScript | undefined =
    options.reply != null ? planReplyScript(options.reply, vocab) : undefined;
  const tokens = [...vocab.tokens, ...(script?.newTokens ?? [])];
  const tokenTypes = [...vocab.tokenTypes, ...(script?.newTokens.map(() => 1) ?? [])];
  const nVocab = tokens.length;
  const chainDims = script != null ? script.chain.length - 1 : 0;
  // One reserved one-hot dim per chain node plus free dims for the other tokens; a multiple of 64 keeps
  // the head dim (nEmbd / 4) a multiple of 16, which RoPE and the llama arch's rope.dimension_count like.
  const nEmbd = Math.max(64, Math.ceil((chainDims + 16) / 64) * 64);
  // The FFN contributes nothing to a scripted model (ffn_down is zero): keep it small as the model grows.
  const nFf = FFN;
  const headDim = nEmbd / HEADS;
  const nEmbdKv = headDim * HEADS_KV;

  const w = new GgufWriter({ alignment: 32 });
  const u32 = (key: string, v: number) => w.add(key, GgufValueType.UINT32, v);
  const f32 = (key: string, v: number) => w.add(key, GgufValueType.FLOAT32, v);
  const str = (key: string, v: string) => w.add(key, GgufValueType.STRING, v);
  const weights = script != null ? "scripted" : "random";
  str("general.architecture", arch);
  str("general.type", "model");
  str("general.name", `Tiny DeepSeek R1 Distill Test ${arch} ${weights}`);
  str("general.basename", "tiny-deepseek-r1-distill-test");
  str("general.size_label", "tiny");
  u32("general.file_type", 0); // LLAMA_FTYPE_ALL_F32
  u32("general.quantization_version", 2);
  u32(`${arch}.context_length`, contextLength);
  u32(`${arch}.embedding_length`, nEmbd);
  u32(`${arch}.block_count`, LAYERS);
  u32(`${arch}.feed_forward_length`, nFf);
  u32(`${arch}.attention.head_count`, HEADS);
  u32(`${arch}.attention.head_count_kv`, HEADS_KV);
  f32(`${arch}.rope.freq_base`, 10000);
  f32(`${arch}.attention.layer_norm_rms_epsilon`, 1e-6);
  if (arch === "llama") {
    u32("llama.rope.dimension_count", headDim);
    u32("llama.vocab_size", nVocab);
  }
  str("tokenizer.ggml.model", "gpt2");
  // llama-bpe forces add_bos for llama; deepseek-r1-qwen is what convert_hf_to_gguf emits for the Qwen distills.
  str("tokenizer.ggml.pre", arch === "llama" ? "llama-bpe" : "deepseek-r1-qwen");
  w.addArray("tokenizer.ggml.tokens", GgufValueType.STRING, tokens);
  w.addArray("tokenizer.ggml.token_type", GgufValueType.INT32, tokenTypes);
  w.addArray("tokenizer.ggml.merges", GgufValueType.STRING, vocab.merges);
  u32("tokenizer.ggml.bos_token_id", vocab.ids.BOS);
  u32("tokenizer.ggml.eos_token_id", vocab.ids.EOS);
  u32("tokenizer.ggml.padding_token_id", vocab.ids.PAD);
  w.add("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, true);
  w.add("tokenizer.ggml.add_eos_token", GgufValueType.BOOL, false);
  if (template !== "none") str("tokenizer.chat_template", r1ChatTemplate(template));
  if (options.reply != null) str("deepthink.test_model.reply", options.reply);

  const rand = seededRandom(seed);
  const embdStd = script != null ? 0.5 : WEIGHT_STD;
  const tokEmbd = rand.normals(nVocab * nEmbd, embdStd);
  const output = rand.normals(nVocab * nEmbd, embdStd);
  if (script != null) {
    for (let t = 0; t < nVocab; t++) {
      tokEmbd.fill(0, t * nEmbd, t * nEmbd + chainDims);
      output.fill(0, t * nEmbd, t * nEmbd + chainDims);
    }
    for (let i = 0; i < chainDims; i++) {
      const current = script.chain[i]!;
      const next = script.chain[i + 1]!;
      tokEmbd.fill(0, current * nEmbd, (current + 1) * nEmbd);
      tokEmbd[current * nEmbd + i] = 1;
      output[next * nEmbd + i] = BETA;
    }
  }
  const F32 = GGML_TYPES.F32;
  const ones = (n: number) => new Float32Array(n).fill(1);
  const zeroOrRandom = (n: number) => (script != null ? new Float32Array(n) : rand.normals(n, WEIGHT_STD));
  w.addTensor("token_embd.weight", [nEmbd, nVocab], F32, tokEmbd);
  w.addTensor("output_norm.weight", [nEmbd], F32, ones(nEmbd));
  w.addTensor("output.weight", [nEmbd, nVocab], F32, output);
  for (let l = 0; l < LAYERS; l++) {
    const p = `blk.${l}.`;
    w.addTensor(`${p}attn_norm.weight`, [nEmbd], F32, ones(nEmbd));
    w.addTensor(`${p}attn_q.weight`, [nEmbd, nEmbd], F32, rand.normals(nEmbd * nEmbd, WEIGHT_STD));
    w.addTensor(`${p}attn_k.weight`, [nEmbd, nEmbdKv], F32, rand.normals(nEmbd * nEmbdKv, WEIGHT_STD));
    w.addTensor(`${p}attn_v.weight`, [nEmbd, nEmbdKv], F32, rand.normals(nEmbd * nEmbdKv, WEIGHT_STD));
    if (arch === "qwen2") {
      w.addTensor(`${p}attn_q.bias`, [nEmbd], F32, rand.normals(nEmbd, WEIGHT_STD));
      w.addTensor(`${p}attn_k.bias`, [nEmbdKv], F32, rand.normals(nEmbdKv, WEIGHT_STD));
      w.addTensor(`${p}attn_v.bias`, [nEmbdKv], F32, rand.normals(nEmbdKv, WEIGHT_STD));
    }
    w.addTensor(`${p}attn_output.weight`, [nEmbd, nEmbd], F32, zeroOrRandom(nEmbd * nEmbd));
    w.addTensor(`${p}ffn_norm.weight`, [nEmbd], F32, ones(nEmbd));
    w.addTensor(`${p}ffn_gate.weight`, [nEmbd, nFf], F32, rand.normals(nEmbd * nFf, WEIGHT_STD));
    w.addTensor(`${p}ffn_up.weight`, [nEmbd, nFf], F32, rand.normals(nEmbd * nFf, WEIGHT_STD));
    w.addTensor(`${p}ffn_down.weight`, [nFf, nEmbd], F32, zeroOrRandom(nFf * nEmbd));
  }

  const info: TinyModelInfo = {
    kind: "tiny",
    architecture: arch,
    weights,
    template,
    vocabSize: nVocab,
    layers: LAYERS,
    embeddingLength: nEmbd,
    headCount: HEADS,
    headCountKv: HEADS_KV,
    feedForwardLength: nFf,
    contextLength,
    seed,
    ...(options.reply != null && script != null ? { reply: options.reply, script: script.chain } : {}),
  };
  return { writer: w, info };
}

/** A tiny model that answers exactly `reply` (raw output after `<｜Assistant｜>`). */
export function buildScriptedModel(reply: string, options: Omit<TinyModelOptions, "reply"> = {}) {
  return buildTinyModel({ ...options, reply });
}

/** A tiny model with random weights. */
export function buildRandomModel(options: Omit<TinyModelOptions, "reply"> = {}) {
  return buildTinyModel({ ...options, reply: undefined });
}
