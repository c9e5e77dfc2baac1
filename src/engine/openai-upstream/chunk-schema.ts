/**
 * The upstream's wire shapes, validated leniently: every object is loose (extra fields — logprobs,
 * stop_reason, system_fingerprint, DeepSeek's cache counters — are ignored), every field may be
 * missing or null, and only a field of the wrong type fails the chunk.
 */
import { z } from "zod";

const count = () => z.number().nonnegative().nullish();

const delta = z.looseObject({
  role: z.string().nullish(),
  content: z.string().nullish(),
  /** DeepSeek, SGLang, llama.cpp, older vLLM. */
  reasoning_content: z.string().nullish(),
  /** vLLM since PR #27752, Ollama's OpenAI shim. */
  reasoning: z.string().nullish(),
});

const choice = z.looseObject({
  index: z.number().nullish(),
  delta: delta.nullish(),
  finish_reason: z.string().nullish(),
});

export const usageSchema = z.looseObject({
  prompt_tokens: count(),
  completion_tokens: count(),
  prompt_tokens_details: z.looseObject({ cached_tokens: count() }).nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: count() }).nullish(),
  /** DeepSeek's name for the cached part of the prompt. */
  prompt_cache_hit_tokens: count(),
});

/** llama.cpp's server adds its own timings to the last chunk; `cache_n` is the reused prompt. */
const llamaTimings = z.looseObject({ cache_n: count(), prompt_n: count(), predicted_n: count() });

/** The OpenAI error body, vLLM's older flat `{object: "error", message}`, and FastAPI's `{detail}`. */
export const errorBodySchema = z.looseObject({
  error: z
    .union([
      z.string(),
      z.looseObject({
        message: z.string().nullish(),
        type: z.string().nullish(),
        param: z.string().nullish(),
        code: z.union([z.string(), z.number()]).nullish(),
      }),
    ])
    .nullish(),
  message: z.string().nullish(),
  detail: z.unknown().optional(),
});

export const chunkSchema = z.looseObject({
  choices: z.array(choice).nullish(),
  usage: usageSchema.nullish(),
  timings: llamaTimings.nullish(),
  error: errorBodySchema.shape.error,
});

export type UpstreamChunk = z.infer<typeof chunkSchema>;
export type UpstreamUsage = z.infer<typeof usageSchema>;
export type UpstreamErrorBody = z.infer<typeof errorBodySchema>;

/** The one place untrusted upstream text becomes JSON: undefined instead of a throw. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
