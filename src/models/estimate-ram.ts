/**
 * How much memory a model needs: the one formula `deepthink models` and the fit check use.
 *
 *   RAM = weights (the GGUF's size) × 1.02 + KV cache (bytes per token × context tokens) + 512 MiB
 *
 * The KV cache is f16 (llama.cpp's default). The 2% and the 512 MiB stand for what llama.cpp allocates
 * besides weights and cache (compute buffers, output logits, runtime); on CPU the measured sum for the
 * 1.5B at 8K context is within a few hundred MB of this. An estimate, not a promise: mmap lets llama.cpp
 * run a model bigger than RAM, only slowly (pages are read from disk on every token).
 */
import { DeepthinkError } from "../errors.js";
import type { CatalogEntry, QuantOption } from "./catalog-types.js";

/** The context size the `RAM` column assumes when none is given. */
export const DEFAULT_RAM_CONTEXT_TOKENS = 8192;

const KV_BYTES_PER_VALUE = 2;
const WEIGHTS_FACTOR = 1.02;
const RUNTIME_OVERHEAD_BYTES = 512 * 1024 * 1024;

/** Bytes of KV cache one token of context costs. */
export function kvCacheBytesPerToken(entry: CatalogEntry): number {
  const shape = entry.attention;
  if (shape.kind === "mla") return shape.layers * shape.latentDim * KV_BYTES_PER_VALUE;
  // K and V, per layer, per KV head.
  return 2 * shape.layers * shape.kvHeads * shape.headDim * KV_BYTES_PER_VALUE;
}

/** Estimated bytes of memory to run `entry` at `quant` with a context of `contextTokens`. */
export function estimateRam(
  entry: CatalogEntry,
  quant: string | QuantOption,
  contextTokens: number = DEFAULT_RAM_CONTEXT_TOKENS,
): number {
  const option =
    typeof quant === "string"
      ? entry.gguf.quants.find((q) => q.quant.toUpperCase() === quant.toUpperCase())
      : quant;
  if (option == null) {
    const known = entry.gguf.quants.map((q) => q.quant).join(", ");
    throw new DeepthinkError("invalid_argument", `${entry.alias} has no quantisation ${String(quant)}.`, {
      param: "quant",
      hint: `pick one of ${known}`,
    });
  }
  if (!Number.isFinite(contextTokens) || contextTokens < 0) {
    throw new DeepthinkError("invalid_argument", `context size must be a number of tokens ≥ 0.`, {
      param: "contextTokens",
    });
  }
  const weights = option.sizeBytes * WEIGHTS_FACTOR;
  const kvCache = kvCacheBytesPerToken(entry) * Math.min(contextTokens, entry.contextLength);
  return Math.round(weights + kvCache + RUNTIME_OVERHEAD_BYTES);
}
