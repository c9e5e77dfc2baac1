/**
 * A GGUF with exactly the tensor shapes and llama-quantize's per-tensor type mix of a real model, and random
 * weights: generation speed depends on shapes and types, not values, so benchmarks are honest without
 * downloads. Shapes of DeepSeek-R1-Distill-Qwen-1.5B from its config.json: hidden 1536, 28 layers, 12 heads,
 * 2 KV heads (head dim 128), FFN 8960, vocab 151,936, rope θ 10000, rms eps 1e-6, untied output
 * (`tie_word_embeddings: false`), q/k/v biases. Written sizes match the published files:
 * Q4_K_M 1.11 GB, Q4_0 1.06 GB, Q8_0 1.89 GB.
 */
import { GGML_TYPES, type GgmlTensorType } from "./ggml-blocks.js";
import { GgufValueType, GgufWriter } from "./gguf-writer.js";
import { type ChatTemplateName, r1ChatTemplate } from "./r1-chat-template.js";
import { buildR1Vocab } from "./r1-vocab.js";

export const MODEL_SHAPES = {
  "r1-distill-qwen-1.5b": {
    architecture: "qwen2",
    displayName: "DeepSeek-R1-Distill-Qwen-1.5B",
    sizeLabel: "1.8B",
    layers: 28,
    embeddingLength: 1536,
    headCount: 12,
    headCountKv: 2,
    feedForwardLength: 8960,
    vocabSize: 151936,
    contextLength: 131072,
    ropeFreqBase: 10000,
    rmsEps: 1e-6,
  },
} as const;
export type ShapeName = keyof typeof MODEL_SHAPES;
export type ShapeQuant = "q4_k_m" | "q4_0" | "q8_0";

export interface ShapeAlikeOptions {
  shape: ShapeName;
  quant?: ShapeQuant;
  /** Fewer layers than the real model (quick experiments); shapes are otherwise exact. */
  layers?: number;
  template?: ChatTemplateName;
}

export interface ShapeAlikeInfo {
  kind: "shape-alike";
  shape: ShapeName;
  quant: ShapeQuant;
  architecture: string;
  vocabSize: number;
  layers: number;
  embeddingLength: number;
  headCount: number;
  headCountKv: number;
  feedForwardLength: number;
  contextLength: number;
  template: ChatTemplateName;
}

/** llama.h LLAMA_FTYPE_MOSTLY_* */
const FILE_TYPE: Record<ShapeQuant, number> = { q8_0: 7, q4_0: 2, q4_k_m: 15 };

/** llama-quantize's use_more_bits(i, n) (src/llama-quant.cpp): the layers Q4_K_M gives Q6_K attn_v/ffn_down. */
const wantsMoreBits = (i: number, n: number) =>
  i < Math.floor(n / 8) || i >= Math.floor((7 * n) / 8) || (i - Math.floor(n / 8)) % 3 === 2;

/** Tensor type llama-quantize picks for a 2D weight (1D norms and biases always stay F32). */
export function quantTypeFor(quant: ShapeQuant, name: string, layer: number, layers: number): GgmlTensorType {
  switch (quant) {
    case "q8_0":
      return GGML_TYPES.Q8_0;
    case "q4_0":
      return name === "output.weight" ? GGML_TYPES.Q6_K : GGML_TYPES.Q4_0;
    case "q4_k_m":
      if (name === "output.weight") return GGML_TYPES.Q6_K;
      if (
        (name.endsWith("attn_v.weight") || name.endsWith("ffn_down.weight")) &&
        wantsMoreBits(layer, layers)
      ) {
        return GGML_TYPES.Q6_K;
      }
      return GGML_TYPES.Q4_K;
  }
}

export function buildShapeAlikeModel(options: ShapeAlikeOptions): {
  writer: GgufWriter;
  info: ShapeAlikeInfo;
} {
  const s = MODEL_SHAPES[options.shape];
  const quant = options.quant ?? "q4_k_m";
  const template = options.template ?? "r1";
  const nLayer = options.layers ?? s.layers;
  const { architecture: arch, embeddingLength: nEmbd, feedForwardLength: nFf, vocabSize: nVocab } = s;
  const nEmbdKv = (nEmbd / s.headCount) * s.headCountKv;
  const vocab = buildR1Vocab({ padTo: nVocab });

  const w = new GgufWriter({ alignment: 32 });
  const u32 = (key: string, v: number) => w.add(key, GgufValueType.UINT32, v);
  const str = (key: string, v: string) => w.add(key, GgufValueType.STRING, v);
  str("general.architecture", arch);
  str("general.type", "model");
  str("general.name", `${s.displayName} shaped random weights (${quant})`);
  str("general.basename", `${options.shape}-random`);
  str("general.size_label", s.sizeLabel);
  u32("general.file_type", FILE_TYPE[quant]);
  u32("general.quantization_version", 2);
  u32(`${arch}.context_length`, s.contextLength);
  u32(`${arch}.embedding_length`, nEmbd);
  u32(`${arch}.block_count`, nLayer);
  u32(`${arch}.feed_forward_length`, nFf);
  u32(`${arch}.attention.head_count`, s.headCount);
  u32(`${arch}.attention.head_count_kv`, s.headCountKv);
  w.add(`${arch}.rope.freq_base`, GgufValueType.FLOAT32, s.ropeFreqBase);
  w.add(`${arch}.attention.layer_norm_rms_epsilon`, GgufValueType.FLOAT32, s.rmsEps);
  str("tokenizer.ggml.model", "gpt2");
  str("tokenizer.ggml.pre", "deepseek-r1-qwen");
  w.addArray("tokenizer.ggml.tokens", GgufValueType.STRING, vocab.tokens);
  w.addArray("tokenizer.ggml.token_type", GgufValueType.INT32, vocab.tokenTypes);
  w.addArray("tokenizer.ggml.merges", GgufValueType.STRING, vocab.merges);
  u32("tokenizer.ggml.bos_token_id", vocab.ids.BOS);
  u32("tokenizer.ggml.eos_token_id", vocab.ids.EOS);
  u32("tokenizer.ggml.padding_token_id", vocab.ids.PAD);
  w.add("tokenizer.ggml.add_bos_token", GgufValueType.BOOL, true);
  w.add("tokenizer.ggml.add_eos_token", GgufValueType.BOOL, false);
  str("tokenizer.chat_template", r1ChatTemplate(template));

  // Deterministic small values (std ≈ 0.02) for the F32 biases; norms are 1.
  let seed = 12345;
  const small = (n: number) =>
    Float32Array.from({ length: n }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return (seed / 4294967296 - 0.5) * 0.07;
    });
  const ones = (n: number) => new Float32Array(n).fill(1);
  const F32 = GGML_TYPES.F32;
  const weight = (name: string, dims: number[], layer: number) =>
    w.addTensor(name, dims, quantTypeFor(quant, name, layer, nLayer));

  weight("token_embd.weight", [nEmbd, nVocab], -1);
  w.addTensor("output_norm.weight", [nEmbd], F32, ones(nEmbd));
  weight("output.weight", [nEmbd, nVocab], -1);
  for (let l = 0; l < nLayer; l++) {
    const p = `blk.${l}.`;
    w.addTensor(`${p}attn_norm.weight`, [nEmbd], F32, ones(nEmbd));
    weight(`${p}attn_q.weight`, [nEmbd, nEmbd], l);
    w.addTensor(`${p}attn_q.bias`, [nEmbd], F32, small(nEmbd));
    weight(`${p}attn_k.weight`, [nEmbd, nEmbdKv], l);
    w.addTensor(`${p}attn_k.bias`, [nEmbdKv], F32, small(nEmbdKv));
    weight(`${p}attn_v.weight`, [nEmbd, nEmbdKv], l);
    w.addTensor(`${p}attn_v.bias`, [nEmbdKv], F32, small(nEmbdKv));
    weight(`${p}attn_output.weight`, [nEmbd, nEmbd], l);
    w.addTensor(`${p}ffn_norm.weight`, [nEmbd], F32, ones(nEmbd));
    weight(`${p}ffn_gate.weight`, [nEmbd, nFf], l);
    weight(`${p}ffn_up.weight`, [nEmbd, nFf], l);
    weight(`${p}ffn_down.weight`, [nFf, nEmbd], l);
  }

  const info: ShapeAlikeInfo = {
    kind: "shape-alike",
    shape: options.shape,
    quant,
    architecture: arch,
    vocabSize: nVocab,
    layers: nLayer,
    embeddingLength: nEmbd,
    headCount: s.headCount,
    headCountKv: s.headCountKv,
    feedForwardLength: nFf,
    contextLength: s.contextLength,
    template,
  };
  return { writer: w, info };
}
