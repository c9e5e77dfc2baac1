/**
 * Retries with exponential backoff and full jitter for upstream trouble (429, 5xx, dropped connections).
 * A retried request never counts as a wrong answer: it either succeeds later or, out of attempts, leaves
 * its sample missing for the next run to fill in. A server's Retry-After wins over the computed delay.
 */
import { isDeepthinkError } from "../../errors.js";
import { type FailureKind, failureKind } from "./sample-generator.js";

export interface RetryOptions {
  /** Attempts in all, the first included (default 6). */
  attempts?: number;
  /** First delay; doubles each time (default 1000 ms). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
}

export class RetriesExhausted extends Error {
  override readonly name = "RetriesExhausted";
  readonly attempts: number;
  readonly kind: FailureKind;

  constructor(error: unknown, attempts: number, kind: FailureKind) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
    this.attempts = attempts;
    this.kind = kind;
  }
}

export async function withRetry<T>(
  task: (attempt: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<{ value: T; attempts: number }> {
  const attempts = options.attempts ?? 6;
  const base = options.baseDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? delay;
  for (let attempt = 1; ; attempt++) {
    try {
      return { value: await task(attempt), attempts: attempt };
    } catch (error) {
      if (options.signal?.aborted === true) throw error;
      const kind = failureKind(error);
      if (kind !== "retry" || attempt >= attempts) throw new RetriesExhausted(error, attempt, kind);
      const retryAfter = isDeepthinkError(error) ? error.retryAfterSeconds : undefined;
      const backoff = Math.min(max, base * 2 ** (attempt - 1));
      const delayMs = retryAfter != null ? Math.min(max, retryAfter * 1000) : Math.round(backoff * random());
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
