/**
 * What both sides of the comparison run: the same prompt text, sampling and token count. Sampling is the
 * R1 README's recommendation (temperature 0.6, top-p 0.95, no repeat penalty) with a fixed seed. Every
 * request gets its own prompt so that no run reuses another's KV cache and prompt speed is measured.
 */
import type { NormalizedRequest } from "../../src/protocol/types.js";

export const SAMPLING = { temperature: 0.6, topP: 0.95, seed: 42 } as const;

const QUESTION =
  "Explain briefly why the sky is blue at noon and red at sunset, and what changes on a cloudy day.";

/** A distinct prompt per request; the number comes first, so prompts share almost nothing past the template. */
export function promptText(id: number): string {
  return `${id} — ${QUESTION}`;
}

/** The normalised request our engine gets: thinking on (the prompt ends in `<think>\n`), EOS ignored. */
export function benchRequest(id: number, maxTokens: number): NormalizedRequest {
  return {
    messages: [{ role: "user", content: promptText(id) }],
    thinking: { type: "on" },
    sampling: { ...SAMPLING },
    maxTokens,
    stop: [],
    responseFormat: { type: "text" },
    ignoreEos: true,
    warnings: [],
  };
}

/** One generation as measured from outside, the same way for both sides. */
export interface Run {
  /** Prompt tokens evaluated (not served from a KV cache). */
  promptTokens: number;
  generatedTokens: number;
  /** From the call to the first generated token. */
  ttftMs: number;
  /** See `decodeRate`. */
  decodeTps: number;
  /** From the call until the result is complete. */
  totalMs: number;
  /** Share of all CPUs that other processes used meanwhile (Linux only). */
  otherCpu?: number | undefined;
  /** Time the Node main thread was busy meanwhile (JavaScript and synchronous addon calls). */
  mainThreadMs?: number | undefined;
  /** CPU time of this process meanwhile, all threads. */
  cpuMs?: number | undefined;
  /** The engine's own `timings.tokensPerSecond`, for comparison. */
  reportedTps?: number | undefined;
}

/**
 * Generated tokens after the first ÷ time from the first token to the end of the generation. The end is
 * when the result is complete, not the last streamed chunk: node-llama-cpp holds back tokens that might
 * start a stop trigger, and on random weights it sometimes held them to the end (one run streamed 44 of
 * its 128 tokens), which made "last chunk" rates read 35–80 tok/s for runs that decoded at 12.
 */
export function decodeRate(generatedTokens: number, ttftMs: number, totalMs: number): number {
  return totalMs > ttftMs ? ((generatedTokens - 1) * 1000) / (totalMs - ttftMs) : 0;
}

export const promptTps = (run: Run) => (run.promptTokens * 1000) / run.ttftMs;
export const endToEndTps = (run: Run) => (run.generatedTokens * 1000) / run.totalMs;

/** Several requests started together. */
export interface ConcurrentRound {
  runs: Run[];
  wallMs: number;
  /** Generated tokens of all requests ÷ wall time from the first request to the last finish. */
  aggregateTps: number;
  otherCpu?: number | undefined;
  mainThreadMs?: number | undefined;
  cpuMs?: number | undefined;
}
