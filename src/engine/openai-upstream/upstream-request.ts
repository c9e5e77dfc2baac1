import { DeepthinkError } from "../../errors.js";
import { connectionError, timeoutError, type UpstreamRef } from "./upstream-errors.js";

export interface UpstreamFetchOptions {
  fetch: typeof fetch;
  ref: UpstreamRef;
  /** Aborts the whole exchange, body included; owned by the caller. */
  controller: AbortController;
  /** The caller's signal, to tell its abort from ours. */
  signal: AbortSignal | undefined;
  /** Until the response headers arrive. */
  timeoutMs: number;
}

/**
 * One fetch that either resolves with the response headers or rejects with a typed error before the
 * first byte: `aborted` when the caller gave up, `network_unavailable` (retryable) when the upstream
 * cannot be reached or does not answer within the timeout. The body stays readable afterwards; the
 * caller's controller still aborts it.
 */
export async function fetchUpstream(
  url: string,
  init: RequestInit,
  options: UpstreamFetchOptions,
): Promise<Response> {
  const { controller, signal, ref } = options;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    return await options.fetch(url, { ...init, signal: controller.signal });
  } catch (error) {
    if (signal?.aborted === true)
      throw new DeepthinkError("aborted", "The request was aborted.", { cause: error });
    if (timedOut) throw timeoutError(ref, "did not answer", options.timeoutMs);
    throw connectionError(ref, error);
  } finally {
    clearTimeout(timer);
  }
}

/** A controller that follows the caller's signal until `release()` (the exchange is over). */
export function linkedController(signal: AbortSignal | undefined): {
  controller: AbortController;
  release(): void;
} {
  const controller = new AbortController();
  if (signal == null) return { controller, release() {} };
  if (signal.aborted) {
    controller.abort(signal.reason);
    return { controller, release() {} };
  }
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener("abort", onAbort, { once: true });
  return { controller, release: () => signal.removeEventListener("abort", onAbort) };
}
