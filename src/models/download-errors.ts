/**
 * Turning what fetch throws or answers into one clear `DeepthinkError` per cause: offline, refused,
 * gated (401/403), missing (404), or a server failure. Messages name the host or repo and the fix.
 */
import { DeepthinkError } from "../errors.js";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENETDOWN",
  "EPIPE",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** The innermost `cause` with an error code (undici wraps socket errors in "fetch failed"). */
function codedCause(error: unknown): { code: string; message: string } | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (typeof code === "string") return { code, message: current.message };
    current = current.cause;
  }
  return undefined;
}

/** True for errors that mean the connection failed or dropped (as opposed to a bug). */
export function isNetworkError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const coded = codedCause(error);
  if (coded != null) return NETWORK_CODES.has(coded.code);
  // undici: "fetch failed" (connect) and "terminated" (body cut off) without a coded cause.
  return error instanceof TypeError && /fetch failed|terminated/i.test(error.message);
}

/** Offline, DNS failure, connection refused → `network_unavailable`, naming the host. */
export function unreachable(url: string, error: unknown, viaHub: boolean): DeepthinkError {
  const host = new URL(url).host;
  const coded = codedCause(error);
  const reason = coded != null ? coded.message : error instanceof Error ? error.message : String(error);
  const advice = viaHub
    ? "check your connection or set HF_ENDPOINT to a mirror, or pass a local .gguf path"
    : "check your connection and the URL, or pass a local .gguf path";
  return new DeepthinkError("network_unavailable", `could not reach ${host}: ${reason}; ${advice}.`, {
    cause: error,
    hint: viaHub ? "HF_ENDPOINT=https://hf-mirror.com deepthink pull <model>" : undefined,
  });
}

export interface StatusContext {
  /** What was asked for, e.g. `unsloth/DeepSeek-R1-GGUF` or a URL. */
  what: string;
  /** Whether the request went to the Hub (then 401/403 are about HF_TOKEN). */
  viaHub: boolean;
  /** The env var the token came from, if one was sent. */
  tokenVariable: string | undefined;
}

/** A non-2xx answer → a typed error: 401/403 about the token, 404 not found, the rest download_failed. */
export function statusError(status: number, context: StatusContext): DeepthinkError {
  const { what, viaHub, tokenVariable } = context;
  if ((status === 401 || status === 403) && viaHub) {
    const message =
      tokenVariable == null
        ? `Hugging Face refused access to ${what} (HTTP ${status}): the repo is gated or private, or does not exist. Set HF_TOKEN to an access token of an account that accepted the model's terms.`
        : `Hugging Face refused the token in ${tokenVariable} for ${what} (HTTP ${status}): it is invalid, or its account has not been granted access to this gated repo.`;
    return new DeepthinkError("unauthorized", message, {
      param: "HF_TOKEN",
      hint: "create a token at https://huggingface.co/settings/tokens, accept the model's terms on its page, then export HF_TOKEN=hf_…",
    });
  }
  if (status === 401 || status === 403) {
    return new DeepthinkError("unauthorized", `The server refused access to ${what} (HTTP ${status}).`);
  }
  if (status === 404) {
    return new DeepthinkError("model_not_found", `${what} does not exist (HTTP 404).`, { param: "model" });
  }
  return new DeepthinkError(
    "download_failed",
    `Downloading ${what} failed: the server answered HTTP ${status}.`,
    {
      hint:
        status >= 500 || status === 429 ? "the server may be busy; run the same command again" : undefined,
    },
  );
}
