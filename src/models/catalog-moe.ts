/**
 * DeepSeek-R1, R1-Zero and R1-0528 (671B mixture of experts, 37B active) and R1-0528's Qwen3-8B distill.
 *
 * The 671B GGUFs are unsloth's: split into ~50 GB parts inside one folder per quantisation
 * (`DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-00001-of-00003.gguf`). `UD-` quants are unsloth's dynamic
 * quantisations (MoE experts at 1.5–2.5 bits, attention and dense layers higher). Sizes are sums of the
 * part sizes in the Hub tree listings (huggingface.co/unsloth/DeepSeek-R1-GGUF/tree/…/DeepSeek-R1-UD-IQ1_S
 * etc., unsloth/DeepSeek-R1-Zero-GGUF/tree/…). R1-0528 and its Qwen3-8B distill are NOT verified: their
 * listings were not in the search index, so sizes and part counts are estimates (same architecture and
 * quantisation as R1, or the usual size of a Qwen3-8B quant); `pull` reads the real ones from the Hub.
 * Context: the README's 128K (config.json says 163840 positions with YaRN).
 */
import { quant } from "./catalog-distills.js";
import type { AttentionShape, CatalogEntry } from "./catalog-types.js";

/** DeepSeek-V3 attention: 61 layers, MLA latent 512 + decoupled rope 64 (config.json of DeepSeek-R1). */
const DEEPSEEK_V3_ATTENTION: AttentionShape = { kind: "mla", layers: 61, latentDim: 512 + 64 };
const R1_CONTEXT = 131_072;

export const MOE_MODELS: readonly CatalogEntry[] = [
  {
    alias: "r1",
    aliases: ["deepseek-r1:671b"],
    displayName: "DeepSeek-R1",
    originalRepo: "deepseek-ai/DeepSeek-R1",
    parameters: "671B",
    activeParameters: "37B",
    base: "DeepSeek-V3-Base",
    architecture: "deepseek2",
    contextLength: R1_CONTEXT,
    attention: DEEPSEEK_V3_ATTENTION,
    gguf: {
      repo: "unsloth/DeepSeek-R1-GGUF",
      defaultQuant: "UD-IQ1_S",
      quants: [
        quant("UD-IQ1_S", 140.2, 3),
        // unsloth's blog gives 158 GB (GiB, like its 131 GB for UD-IQ1_S); 4 parts per the part names.
        quant("UD-IQ1_M", 169.7, 4, false),
        quant("UD-IQ2_XXS", 196.2, 4),
        quant("UD-Q2_K_XL", 226.6, 5),
        quant("Q3_K_M", 319.2, 7),
        quant("Q4_K_M", 404.3, 9),
      ],
    },
  },
  {
    alias: "r1-zero",
    aliases: ["deepseek-r1-zero:671b"],
    displayName: "DeepSeek-R1-Zero",
    originalRepo: "deepseek-ai/DeepSeek-R1-Zero",
    parameters: "671B",
    activeParameters: "37B",
    base: "DeepSeek-V3-Base",
    architecture: "deepseek2",
    contextLength: R1_CONTEXT,
    attention: DEEPSEEK_V3_ATTENTION,
    gguf: {
      // No dynamic (UD-) quants exist for R1-Zero; Q2_K_XS is the smallest.
      repo: "unsloth/DeepSeek-R1-Zero-GGUF",
      defaultQuant: "Q2_K_XS",
      quants: [
        quant("Q2_K_XS", 221.3, 5),
        quant("Q2_K_L", 244.2, 5),
        // Only some parts' sizes were listed; totals assumed equal to R1's same quantisation.
        quant("Q3_K_M", 319.2, 7, false),
        quant("Q4_K_M", 404.3, 9, false),
      ],
    },
  },
  {
    alias: "r1-0528",
    aliases: ["deepseek-r1:671b-0528"],
    displayName: "DeepSeek-R1-0528",
    originalRepo: "deepseek-ai/DeepSeek-R1-0528",
    parameters: "671B",
    activeParameters: "37B",
    base: "DeepSeek-V3-Base",
    architecture: "deepseek2",
    contextLength: R1_CONTEXT,
    attention: DEEPSEEK_V3_ATTENTION,
    gguf: {
      // Folder per quant without the model prefix (`UD-IQ2_XXS/…`), seen in the commit history only.
      repo: "unsloth/DeepSeek-R1-0528-GGUF",
      defaultQuant: "UD-IQ1_S",
      quants: [
        quant("UD-IQ1_S", 185, 4, false),
        quant("UD-IQ1_M", 200, 5, false),
        quant("UD-IQ2_XXS", 216, 5, false),
        quant("UD-Q2_K_XL", 251, 6, false),
        quant("Q4_K_M", 404.3, 9, false),
      ],
    },
  },
  {
    alias: "r1-0528-qwen3-8b",
    aliases: ["deepseek-r1:8b-0528-qwen3", "deepseek-r1-0528:8b"],
    displayName: "DeepSeek-R1-0528-Qwen3-8B",
    originalRepo: "deepseek-ai/DeepSeek-R1-0528-Qwen3-8B",
    parameters: "8B",
    base: "Qwen3-8B-Base",
    architecture: "qwen3",
    contextLength: 131_072,
    attention: { kind: "gqa", layers: 36, kvHeads: 8, headDim: 128 },
    gguf: {
      repo: "unsloth/DeepSeek-R1-0528-Qwen3-8B-GGUF",
      defaultQuant: "Q4_K_M",
      quants: [
        quant("Q3_K_M", 4.12, 1, false),
        quant("Q4_K_M", 5.03, 1, false),
        quant("Q5_K_M", 5.85, 1, false),
        quant("Q6_K", 6.73, 1, false),
        quant("Q8_0", 8.71, 1, false),
      ],
    },
  },
];
