/**
 * The six dense distills of DeepSeek-R1 (January 2025), as data.
 *
 * Sizes are the Hugging Face tree listings of the GGUF repos (decimal GB, three digits), read through the
 * docs search in 2025: huggingface.co/unsloth/DeepSeek-R1-Distill-{Qwen-1.5B,Qwen-7B,Llama-8B,Qwen-32B,
 * Llama-70B}-GGUF/tree/… and huggingface.co/bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF/blob/…. Shapes
 * (layers, KV heads, head dim, context) are the models' config.json. `verified: false` marks a size taken
 * from a different upload of the same quantisation (same bytes give or take metadata) or estimated.
 */
import type { CatalogEntry, QuantOption } from "./catalog-types.js";

/** A quantisation, sized in decimal GB as the Hub shows it. */
export function quant(name: string, gigabytes: number, parts = 1, verified = true): QuantOption {
  return { quant: name, sizeBytes: Math.round(gigabytes * 1e9), parts, verified };
}

const QWEN_CONTEXT = 131_072;

export const DISTILLS: readonly CatalogEntry[] = [
  {
    alias: "r1-distill-qwen-1.5b",
    aliases: ["deepseek-r1:1.5b"],
    displayName: "DeepSeek-R1-Distill-Qwen-1.5B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
    parameters: "1.5B",
    base: "Qwen2.5-Math-1.5B",
    architecture: "qwen2",
    contextLength: QWEN_CONTEXT,
    attention: { kind: "gqa", layers: 28, kvHeads: 2, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-Distill-Qwen-1.5B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q2_K", 0.753),
        quant("Q2_K_L", 0.808),
        quant("Q3_K_M", 0.924),
        quant("Q4_K_M", 1.12),
        quant("Q5_K_M", 1.29),
        quant("Q6_K", 1.46),
        quant("Q8_0", 1.89),
      ],
    },
  },
  {
    alias: "r1-distill-qwen-7b",
    aliases: ["deepseek-r1:7b"],
    displayName: "DeepSeek-R1-Distill-Qwen-7B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-7B",
    parameters: "7B",
    base: "Qwen2.5-Math-7B",
    architecture: "qwen2",
    contextLength: QWEN_CONTEXT,
    attention: { kind: "gqa", layers: 28, kvHeads: 4, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-Distill-Qwen-7B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q2_K", 3.02),
        quant("Q2_K_L", 3.14),
        quant("Q3_K_M", 3.81),
        quant("Q4_K_M", 4.68),
        quant("Q5_K_M", 5.44),
        quant("Q6_K", 6.25),
        // Cut off in the listing we read; 8.10 GB is bartowski's upload of the same quantisation.
        quant("Q8_0", 8.1, 1, false),
        quant("F16", 15.2),
      ],
    },
  },
  {
    alias: "r1-distill-llama-8b",
    aliases: ["deepseek-r1:8b"],
    displayName: "DeepSeek-R1-Distill-Llama-8B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Llama-8B",
    parameters: "8B",
    base: "Llama-3.1-8B",
    architecture: "llama",
    contextLength: 131_072,
    attention: { kind: "gqa", layers: 32, kvHeads: 8, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-Distill-Llama-8B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q2_K", 3.18),
        quant("Q2_K_L", 3.3),
        quant("Q3_K_M", 4.02),
        quant("Q4_K_M", 4.92),
        quant("Q5_K_M", 5.73),
        quant("Q6_K", 6.6),
        // From another unsloth-made upload of the same quantisation (AlSamCur123/…, 8.54 GB).
        quant("Q8_0", 8.54, 1, false),
        quant("F16", 16.1),
      ],
    },
  },
  {
    alias: "r1-distill-qwen-14b",
    aliases: ["deepseek-r1:14b"],
    displayName: "DeepSeek-R1-Distill-Qwen-14B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-14B",
    parameters: "14B",
    base: "Qwen2.5-14B",
    architecture: "qwen2",
    contextLength: QWEN_CONTEXT,
    attention: { kind: "gqa", layers: 48, kvHeads: 8, headDim: 128 },
    gguf: {
      // unsloth's 14B listing we could read lacked Q4_K_M; bartowski's is complete and imatrix-made.
      repo: "bartowski/DeepSeek-R1-Distill-Qwen-14B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q3_K_M", 7.34),
        quant("Q3_K_L", 7.92),
        quant("Q4_K_S", 8.57),
        quant("Q4_K_M", 8.99),
        quant("Q4_K_L", 9.57),
        quant("Q5_K_M", 10.5),
        quant("Q6_K", 12.1),
        quant("Q8_0", 15.7),
      ],
    },
  },
  {
    alias: "r1-distill-qwen-32b",
    aliases: ["deepseek-r1:32b"],
    displayName: "DeepSeek-R1-Distill-Qwen-32B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Qwen-32B",
    parameters: "32B",
    base: "Qwen2.5-32B",
    architecture: "qwen2",
    contextLength: QWEN_CONTEXT,
    attention: { kind: "gqa", layers: 64, kvHeads: 8, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-Distill-Qwen-32B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q2_K", 12.3),
        quant("Q2_K_L", 12.5),
        quant("Q3_K_M", 15.9),
        quant("Q4_K_M", 19.9),
        quant("Q5_K_M", 23.3),
        quant("Q6_K", 26.9),
        quant("Q8_0", 34.8),
        quant("F16", 65.5, 2),
      ],
    },
  },
  {
    alias: "r1-distill-llama-70b",
    aliases: ["deepseek-r1:70b"],
    displayName: "DeepSeek-R1-Distill-Llama-70B",
    originalRepo: "deepseek-ai/DeepSeek-R1-Distill-Llama-70B",
    parameters: "70B",
    base: "Llama-3.3-70B-Instruct",
    architecture: "llama",
    contextLength: 131_072,
    attention: { kind: "gqa", layers: 80, kvHeads: 8, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-Distill-Llama-70B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q2_K", 26.4),
        quant("Q2_K_L", 26.6),
        quant("Q3_K_M", 34.3),
        quant("Q4_K_M", 42.5),
        quant("Q5_K_M", 49.9),
        quant("Q6_K", 57.9, 2),
        quant("Q8_0", 75.0, 2),
      ],
    },
  },
];
