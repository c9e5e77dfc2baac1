/**
 * A chat request as an edge hands it to the protocol after structural parsing (JSON shape, types).
 * Field names follow the OpenAI / DeepSeek wire format so an edge can pass its parsed body straight
 * through; `normalizeChatRequest` checks values and applies R1's rules.
 */
import type { ReasoningEffort } from "./types.js";

export type InputContentPart = { type: "text"; text: string } | { type: string; [key: string]: unknown };

export interface InputMessage {
  /** "developer" is OpenAI's newer name for "system"; both are treated alike. */
  role: "system" | "developer" | "user" | "assistant";
  content: string | null | InputContentPart[];
  /** DeepSeek's name for an earlier turn's reasoning. Accepted and dropped: R1 never sees old reasoning. */
  reasoning_content?: string | null;
  /** vLLM's and Ollama's name for the same. Accepted and dropped. */
  reasoning?: string | null;
  /** DeepSeek chat prefix completion: on the last assistant message, the answer continues this text. */
  prefix?: boolean;
  /** Accepted and ignored: the R1 template has no participant names. */
  name?: string;
}

export type InputResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; json_schema: { name?: string; schema: Record<string, unknown> } };

export interface ChatRequestInput {
  messages: InputMessage[];
  temperature?: number | null;
  top_p?: number | null;
  top_k?: number | null;
  min_p?: number | null;
  seed?: number | null;
  max_tokens?: number | null;
  /** OpenAI's newer name for max_tokens; wins when both are given. */
  max_completion_tokens?: number | null;
  stop?: string | string[] | null;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  repeat_penalty?: number | null;
  response_format?: InputResponseFormat | null;
  /** DeepSeek (V3.1+) / Anthropic style switch; `budget_tokens` 0 means off. */
  thinking?: { type: "enabled" | "disabled"; budget_tokens?: number | null } | null;
  reasoning_effort?: ReasoningEffort | null;
  /** vLLM / SGLang style switch, as passed to the chat template. */
  chat_template_kwargs?: { enable_thinking?: boolean | null; thinking?: boolean | null } | null;
  /** Keep generating past end-of-sequence until the token limit (as llama.cpp's and vLLM's servers); for benchmarks. */
  ignore_eos?: boolean | null;
  /** Append the README's math directive to the last user message (overrides the policy either way). */
  math_directive?: boolean | null;
}
