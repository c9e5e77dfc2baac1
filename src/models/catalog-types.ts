/** Types of the model catalog: what deepthink knows about each member of the DeepSeek-R1 family. */

/** One llama.cpp quantisation of a model as published in its GGUF repo. */
export interface QuantOption {
  /** The tag as it appears in file names and `hf:user/repo:QUANT` URIs, e.g. `Q4_K_M`, `UD-IQ1_S`. */
  quant: string;
  /** Total size of all parts in bytes, from the Hub listing (approximate: the listing shows 3 digits). */
  sizeBytes: number;
  /** How many `-0000k-of-0000N.gguf` parts the quantisation is split into (1 = one file). */
  parts: number;
  /** False where the size was not read off a Hub listing; see the comment at the entry. */
  verified: boolean;
}

/**
 * The shape that decides the KV cache size per token. `gqa`: K and V per layer, `kvHeads × headDim` each.
 * `mla`: DeepSeek-V3's multi-head latent attention, which llama.cpp caches as one compressed latent
 * (kv_lora_rank 512 + rope dim 64) per layer.
 */
export type AttentionShape =
  | { kind: "gqa"; layers: number; kvHeads: number; headDim: number }
  | { kind: "mla"; layers: number; latentDim: number };

/** Where the default GGUF of a model comes from. */
export interface GgufSource {
  /** Hugging Face repo holding the GGUF quantisations, `user/name`. */
  repo: string;
  /** The quantisation `deepthink pull <alias>` downloads when none is asked for. */
  defaultQuant: string;
  quants: readonly QuantOption[];
}

export interface CatalogEntry {
  /** The canonical alias, e.g. `r1-distill-qwen-1.5b`. */
  alias: string;
  /** Extra names that resolve to this entry (matched case-insensitively), e.g. `deepseek-r1:1.5b`. */
  aliases: readonly string[];
  displayName: string;
  /** The original (safetensors) release, e.g. `deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B`. */
  originalRepo: string;
  /** Parameter count as people say it: `1.5B`, `671B`. */
  parameters: string;
  /** Parameters activated per token, for mixture-of-experts models. */
  activeParameters?: string;
  /** The model it was trained from. */
  base: string;
  /** The GGUF `general.architecture`. */
  architecture: "qwen2" | "qwen3" | "llama" | "deepseek2";
  /** Longest context the model supports, in tokens. */
  contextLength: number;
  attention: AttentionShape;
  gguf: GgufSource;
}
