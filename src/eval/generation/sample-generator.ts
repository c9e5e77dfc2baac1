/**
 * How the runner gets one sample, whoever produces it: the embedded llama.cpp engine or an
 * OpenAI-compatible endpoint. Failures are `DeepthinkError`s; `failureKind` decides whether the runner
 * retries, gives up on this sample only, or stops the run.
 */
import { type DeepthinkError, isDeepthinkError } from "../../errors.js";

export interface GenerationRequest {
  /** The whole user message; there is no system prompt. */
  prompt: string;
  temperature: number;
  topP: number;
  seed?: number;
  maxTokens: number;
  signal?: AbortSignal;
}

export interface Generation {
  reasoning: string;
  /** The answer: the text after `</think>`. */
  content: string;
  finishReason: "stop" | "length";
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
}

export interface SampleGenerator {
  generate(request: GenerationRequest): Promise<Generation>;
  close(): Promise<void>;
}

/**
 * `retry`: the upstream is busy, overloaded or unreachable; the same request may well work later.
 * `skip`: this request cannot work (its prompt does not fit); the sample stays missing.
 * `fatal`: nothing will work (bad key, unknown model, a request the server rejects); stop the run.
 */
export type FailureKind = "retry" | "skip" | "fatal";

const RETRY = new Set(["queue_full", "network_unavailable", "download_failed", "model_unavailable"]);

export function failureKind(error: unknown): FailureKind {
  if (!isDeepthinkError(error)) return "fatal";
  if (error.code === "aborted") return "fatal";
  if (error.code === "context_length_exceeded") return "skip";
  return RETRY.has(error.code) ? "retry" : "fatal";
}

export type { DeepthinkError };
