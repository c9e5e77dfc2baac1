/**
 * What a run is: everything that changes what the model is asked or how it answers (benchmark data,
 * model, prompts, sampling, token limit, samples per problem), and nothing that does not (concurrency,
 * --limit, --out, the endpoint's URL). Its hash keys the run in the store, so a run started again with
 * the same configuration continues where it stopped, and a changed one starts afresh.
 */
import { createHash } from "node:crypto";
import type { DateWindow } from "./datasets/lcb-benchmark.js";
import type { PromptStyle } from "./prompts/build-prompt.js";

/** Bump when the harness changes what a stored sample means (not for report-only changes). */
export const HARNESS_VERSION = 1;

export type ModelIdentity =
  /** The embedded llama.cpp engine: the GGUF file's name and size (quantisation included in the name). */
  | { kind: "llama.cpp"; file: string; bytes: number }
  /** An OpenAI-compatible endpoint: the model name it serves (not its URL, which may move). */
  | { kind: "endpoint"; name: string };

export interface RunConfig {
  harness: number;
  benchmark: string;
  dataset: { sha256: string };
  window?: DateWindow;
  model: ModelIdentity;
  prompt: { style: PromptStyle; version: number; shuffleSeed?: number };
  /** Every response starts inside the think block (`<think>\n` forced), per the README. */
  thinking: "forced";
  sampling: { temperature: number; topP: number; seed: number | null };
  maxTokens: number;
  samples: number;
  /** Extra request fields for an endpoint (`--extra-body`); they can change answers, so they count. */
  extraBody?: Record<string, unknown>;
}

export function hashRunConfig(config: RunConfig): string {
  return createHash("sha256").update(canonicalJson(config)).digest("hex");
}

/** JSON with object keys sorted at every depth and undefined members dropped: one text per value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item ?? null)).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, member]) => member !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
}
