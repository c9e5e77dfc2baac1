/**
 * The response shapes we put on the wire: OpenAI's chat.completion and chat.completion.chunk, plus
 * DeepSeek's reasoning fields and usage extras. Written out here (not imported from the `openai` package)
 * because that package is a dev dependency and its types lack `reasoning_content`.
 */
import type { Usage } from "../engine/spec.js";

export type WireFinishReason = "stop" | "length";

/** Which reasoning field(s) to emit. DeepSeek/SGLang/llama.cpp read `reasoning_content`; vLLM/Ollama `reasoning`. */
export type ReasoningFields = "both" | "reasoning_content" | "reasoning";

export interface WireUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
  /** DeepSeek's names for the same cache split. */
  prompt_cache_hit_tokens: number;
  prompt_cache_miss_tokens: number;
}

export interface ChunkDelta {
  role?: "assistant";
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

export interface ChunkChoice {
  index: number;
  delta: ChunkDelta;
  logprobs: null;
  finish_reason: WireFinishReason | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: "chat.completion.chunk";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: ChunkChoice[];
  usage?: WireUsage | null;
  /** deepthink's extension: the web search results the answer's `[citation:X]` markers point at. */
  sources?: Array<{ index: number; title: string; url: string; snippet: string }>;
}

export interface CompletionMessage {
  role: "assistant";
  content: string;
  reasoning_content?: string | null;
  reasoning?: string | null;
}

export interface ChatCompletion {
  id: string;
  object: "chat.completion";
  created: number;
  model: string;
  system_fingerprint: string;
  choices: Array<{
    index: number;
    message: CompletionMessage;
    logprobs: null;
    finish_reason: WireFinishReason;
  }>;
  usage: WireUsage;
  /** Our extension: how the request was adjusted to the R1 usage recommendations (see docs/api.md). */
  warnings?: Array<{ code: string; message: string; param?: string }>;
  /** deepthink's extension: the web search results the answer's `[citation:X]` markers point at. */
  sources?: Array<{ index: number; title: string; url: string; snippet: string }>;
}

export function toWireUsage(usage: Usage): WireUsage {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    prompt_tokens_details: { cached_tokens: usage.cachedPromptTokens },
    completion_tokens_details: { reasoning_tokens: usage.reasoningTokens },
    prompt_cache_hit_tokens: usage.cachedPromptTokens,
    prompt_cache_miss_tokens: usage.promptTokens - usage.cachedPromptTokens,
  };
}

/** n choices share one prompt: count it once (as OpenAI does) and add up what each choice generated. */
export function mergeChoiceUsage(total: Usage | undefined, next: Usage): Usage {
  if (total == null) return { ...next };
  return {
    promptTokens: total.promptTokens,
    cachedPromptTokens: total.cachedPromptTokens,
    completionTokens: total.completionTokens + next.completionTokens,
    reasoningTokens: total.reasoningTokens + next.reasoningTokens,
  };
}
