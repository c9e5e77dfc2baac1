/** The R1 protocol's normalised request: what every engine receives. Pure data, no I/O. */

export type Role = "system" | "user" | "assistant";

/** A message after normalisation: text only; an assistant message holds its answer, never its reasoning. */
export interface ChatMessage {
  role: Role;
  content: string;
}

/**
 * Thinking control. `on`: the response is forced to start with `<think>\n`. `off`: an empty think block
 * (`<think>\n\n</think>`) is prefilled so the model answers at once. `budget`: think for at most `tokens`
 * reasoning tokens, then the think block is closed and the model answers.
 */
export type ThinkingControl = { type: "on" } | { type: "off" } | { type: "budget"; tokens: number };

export interface SamplingParams {
  temperature: number;
  topP: number;
  /** 0 = off (vLLM's spelling, -1, is normalised to 0). */
  topK?: number;
  minP?: number;
  seed?: number;
  /** OpenAI-style penalties, applied over the generated tokens. Off unless asked. */
  presencePenalty?: number;
  frequencyPenalty?: number;
  /** llama.cpp-style repeat penalty (1 = off). Off unless asked: the R1 recommendations do not use it. */
  repeatPenalty?: number;
}

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name?: string; schema: Record<string, unknown> };

export type WarningCode =
  | "temperature_out_of_range"
  | "top_p_changed"
  | "system_prompt_folded"
  | "reasoning_dropped"
  | "messages_merged";

/** Something the edges can show the user: the request was served, but not the way the README recommends. */
export interface ProtocolWarning {
  code: WarningCode;
  message: string;
  param?: string;
}

export interface NormalizedRequest {
  /** System folded into the first user turn (unless the policy keeps it); assistant turns hold answers only. */
  messages: ChatMessage[];
  /** DeepSeek prefix completion: the answer starts with this text and the model continues it. */
  assistantPrefix?: string;
  thinking: ThinkingControl;
  sampling: SamplingParams;
  /** Total generated tokens, reasoning included. Unset: up to the context. */
  maxTokens?: number;
  stop: string[];
  responseFormat: ResponseFormat;
  /** Keep generating past end-of-sequence until maxTokens (llama.cpp's and vLLM's `ignore_eos`; for benchmarks). */
  ignoreEos?: boolean;
  warnings: ProtocolWarning[];
}

/** The OpenAI / DeepSeek effort levels. R1 has no native effort: each maps to a thinking budget. */
export type ReasoningEffort = "none" | "minimal" | "low" | "medium" | "high" | "max";

/** The text parts of a response, split at `</think>`. Same shapes as the engine's `EnginePart`s. */
export type ReasoningPart = { type: "reasoning-delta"; text: string } | { type: "text-delta"; text: string };

/**
 * What a deployment decides about the README's usage recommendations. Requests cannot override these,
 * except `mathDirective` (a request's `math_directive` wins) and `defaultThinking` (any thinking field).
 */
export interface UsagePolicy {
  /** Clamp temperature into the recommended 0.5–0.7 instead of only warning. */
  enforceTemperatureRange: boolean;
  /** Keep system/developer messages as one system message at the start instead of folding them. */
  keepSystemPrompt: boolean;
  /** Append the README's math directive to the last user message. */
  mathDirective: boolean;
  /** Thinking when the request says nothing about it. */
  defaultThinking: ThinkingControl;
}
