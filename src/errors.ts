/**
 * Typed errors with a stable `code`. Every layer throws these; one place per edge maps them to an
 * HTTP status / exit code. `param` names the offending field when there is one.
 */
export type ErrorCode =
  | "invalid_request"
  | "invalid_argument"
  | "model_not_found"
  | "model_unavailable"
  | "invalid_model_file"
  | "model_load_failed"
  | "context_length_exceeded"
  | "queue_full"
  | "aborted"
  | "download_failed"
  | "network_unavailable"
  | "size_mismatch"
  | "checksum_mismatch"
  | "unauthorized"
  | "internal";

const RETRYABLE: ReadonlySet<ErrorCode> = new Set(["queue_full", "network_unavailable", "download_failed"]);

export interface DeepthinkErrorOptions {
  param?: string;
  cause?: unknown;
  /** Hint shown to a person: how to fix it (a command, a flag). */
  hint?: string;
  retryAfterSeconds?: number;
}

export class DeepthinkError extends Error {
  override readonly name = "DeepthinkError";
  readonly code: ErrorCode;
  readonly param: string | undefined;
  readonly hint: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, options: DeepthinkErrorOptions = {}) {
    super(message, options.cause != null ? { cause: options.cause } : undefined);
    this.code = code;
    this.param = options.param;
    this.hint = options.hint;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get isRetryable(): boolean {
    return RETRYABLE.has(this.code);
  }
}

export function isDeepthinkError(error: unknown): error is DeepthinkError {
  return error instanceof DeepthinkError;
}

/** Wrap anything thrown into a DeepthinkError without losing the original as `cause`. */
export function toDeepthinkError(error: unknown, fallback: ErrorCode = "internal"): DeepthinkError {
  if (error instanceof DeepthinkError) return error;
  if (error instanceof Error && error.name === "AbortError") {
    return new DeepthinkError("aborted", "The request was aborted.", { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DeepthinkError(fallback, message, { cause: error });
}
