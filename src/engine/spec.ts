/**
 * The engine interface. Types only: every edge (server, CLI, eval) talks to an engine through this, and
 * each concrete engine bridges its foreign style (llama.cpp thought segments, an upstream's SSE) once.
 */
import type { DeepthinkError } from "../errors.js";
import type { NormalizedRequest } from "../protocol/types.js";

export type FinishReason = "stop" | "length" | "abort";

export interface Usage {
  /** Tokens of the whole prompt, as the model saw it (template included). */
  promptTokens: number;
  /** Prompt tokens served from the KV cache (not evaluated again). */
  cachedPromptTokens: number;
  /** Every generated token: reasoning plus answer. */
  completionTokens: number;
  /** The part of completionTokens spent inside the think block. */
  reasoningTokens: number;
}

export interface Timings {
  /** Time spent waiting for a free slot. */
  queuedMs: number;
  /** From the request to the first generated token (queue included). */
  timeToFirstTokenMs: number;
  /** From the request to the finish. */
  totalMs: number;
  /** Generated tokens per second, measured from the first generated token to the last. */
  tokensPerSecond: number;
}

export type EnginePart =
  | { type: "reasoning-delta"; text: string }
  | { type: "text-delta"; text: string }
  | { type: "finish"; reason: FinishReason; usage: Usage; timings: Timings }
  | { type: "error"; error: DeepthinkError };

export interface GenerateResult {
  stream: ReadableStream<EnginePart>;
}

export type EngineStatus =
  | { state: "loading"; progress?: number; message?: string }
  | { state: "ready" }
  | { state: "error"; message: string; hint?: string };

export interface EngineInfo {
  /** Model id as the API lists it (the catalog alias when known, else the file name). */
  modelId: string;
  aliases: string[];
  /** Context size per sequence, in tokens. */
  contextSize: number;
  /** Parallel sequences (slots). */
  parallel: number;
  status: EngineStatus;
}

export interface EngineStats {
  busySlots: number;
  queueDepth: number;
}

export interface Engine {
  info(): EngineInfo;
  stats(): EngineStats;
  /**
   * Start a generation. Rejects before the first byte for load failures, a full queue, or a prompt that
   * cannot fit; later failures arrive as an `error` part. The stream always ends with `finish` or `error`.
   * Aborting `signal` stops generation and frees the slot at once; the stream then ends with
   * `finish` reason `abort`.
   */
  generate(request: NormalizedRequest, signal?: AbortSignal): Promise<GenerateResult>;
  /** Tokens of a text in this model's vocabulary, when the engine can count them (the embedded one can). */
  countTokens?(text: string): number;
  close(): Promise<void>;
}
