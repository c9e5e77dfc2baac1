/**
 * Upstream failures → DeepthinkError, keeping the upstream's own message: a client that sent a bad
 * request must read what was wrong with it. Faults that are not the client's (our key, our model name,
 * a broken upstream) become `model_unavailable` or `network_unavailable`, never a 401/404 that would
 * tell the client its own key or model is wrong.
 */
import { DeepthinkError } from "../../errors.js";
import { errorBodySchema, parseJson, type UpstreamErrorBody } from "./chunk-schema.js";

export interface UpstreamRef {
  name: string;
  url: string;
}

const CONTEXT_OVERFLOW =
  /context length|context window|maximum context|too many tokens|exceeds the (?:available )?context|prompt is too long/i;

/** A non-2xx answer to the chat request, before any byte of a stream. */
export function upstreamHttpError(
  ref: UpstreamRef,
  status: number,
  bodyText: string,
  retryAfter: string | null,
): DeepthinkError {
  const { message, param } = describeBody(parseJson(bodyText), bodyText);
  const where = `upstream '${ref.name}' (${ref.url})`;
  const retryAfterSeconds = retryAfter != null && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const withParam = param != null ? { param } : {};
  if (status === 400 || status === 413 || status === 422) {
    const code = CONTEXT_OVERFLOW.test(message) ? "context_length_exceeded" : "invalid_request";
    return new DeepthinkError(code, message, withParam);
  }
  if (status === 429) {
    return new DeepthinkError("queue_full", `The ${where} is busy: ${message}`, {
      retryAfterSeconds: retryAfterSeconds ?? 1,
    });
  }
  if (status === 401 || status === 403) {
    return new DeepthinkError(
      "model_unavailable",
      `The ${where} refused this server's API key (${status}): ${message}`,
      {
        hint: `Check --upstream-key for '${ref.name}'.`,
      },
    );
  }
  if (status === 404) {
    return new DeepthinkError("model_unavailable", `The ${where} answered 404: ${message}`, {
      hint: "Check the upstream URL and the model name it serves (the upstream model setting).",
    });
  }
  if (status === 408 || status === 504) {
    return new DeepthinkError("network_unavailable", `The ${where} timed out (${status}): ${message}`);
  }
  const retry = retryAfterSeconds != null ? { retryAfterSeconds } : {};
  return new DeepthinkError("model_unavailable", `The ${where} failed (${status}): ${message}`, retry);
}

/** An `{"error": …}` frame inside an SSE stream (vLLM, SGLang and deepthink send one mid-stream). */
export function upstreamStreamError(ref: UpstreamRef, error: UpstreamErrorBody["error"]): DeepthinkError {
  const { message } = describeBody({ error }, "");
  const code = typeof error === "object" && error != null ? String(error.code ?? error.type ?? "") : "";
  if (/rate_limit|queue_full|429/.test(code)) {
    return new DeepthinkError("queue_full", `The upstream '${ref.name}' is busy: ${message}`);
  }
  return new DeepthinkError("model_unavailable", `The upstream '${ref.name}' failed mid-stream: ${message}`);
}

/** fetch() threw: connection refused, DNS, reset, TLS. Retryable: another replica may answer. */
export function connectionError(ref: UpstreamRef, error: unknown): DeepthinkError {
  return new DeepthinkError(
    "network_unavailable",
    `Cannot reach upstream '${ref.name}' at ${ref.url}: ${networkReason(error)}.`,
    { cause: error },
  );
}

export function timeoutError(ref: UpstreamRef, what: string, ms: number): DeepthinkError {
  return new DeepthinkError(
    "network_unavailable",
    `The upstream '${ref.name}' (${ref.url}) ${what} within ${Math.round(ms / 1000)} s.`,
  );
}

/** undici hides the reason in `cause` (`connect ECONNREFUSED 127.0.0.1:8000`, `getaddrinfo ENOTFOUND`). */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === "string" && !cause.message.includes(code)
      ? `${cause.message} (${code})`
      : cause.message;
  }
  return String(cause);
}

function describeBody(json: unknown, text: string): { message: string; param?: string } {
  const parsed = errorBodySchema.safeParse(json);
  if (parsed.success) {
    const { error, message, detail } = parsed.data;
    if (typeof error === "string") return { message: error };
    if (error?.message != null) {
      return { message: error.message, ...(error.param != null ? { param: error.param } : {}) };
    }
    if (message != null) return { message };
    if (typeof detail === "string") return { message: detail };
    if (detail != null) return { message: JSON.stringify(detail).slice(0, 500) };
  }
  const plain = text.trim().slice(0, 500);
  return { message: plain !== "" ? plain : "no message" };
}
