/**
 * The one place where errors become HTTP: a DeepthinkError code → status, the OpenAI error body
 * `{error: {message, type, param, code}}` and headers. The official SDKs pick their error class from the
 * status (BadRequestError, AuthenticationError, NotFoundError, RateLimitError, InternalServerError), so the
 * status matters more than the body.
 */
import { type DeepthinkError, type ErrorCode, toDeepthinkError } from "../errors.js";

export type OpenAIErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "not_found_error"
  | "rate_limit_error"
  | "server_error";

export interface OpenAIErrorBody {
  error: { message: string; type: OpenAIErrorType; param: string | null; code: string | null };
}

export interface HttpError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
  /** True when the fault is ours (5xx, not a busy or loading server): the only case worth a stack trace. */
  isServerFault: boolean;
}

interface Mapping {
  status: number;
  type: OpenAIErrorType;
  /** The `code` clients know from OpenAI, where one exists; else our own stable code. */
  wireCode?: string;
}

const MAPPINGS: Record<ErrorCode, Mapping> = {
  invalid_request: { status: 400, type: "invalid_request_error", wireCode: "invalid_request_error" },
  invalid_argument: { status: 400, type: "invalid_request_error", wireCode: "invalid_request_error" },
  context_length_exceeded: { status: 400, type: "invalid_request_error" },
  unauthorized: { status: 401, type: "authentication_error", wireCode: "invalid_api_key" },
  model_not_found: { status: 404, type: "not_found_error" },
  queue_full: { status: 429, type: "rate_limit_error" },
  aborted: { status: 499, type: "invalid_request_error" },
  model_unavailable: { status: 503, type: "server_error" },
  invalid_model_file: { status: 503, type: "server_error" },
  model_load_failed: { status: 503, type: "server_error" },
  download_failed: { status: 503, type: "server_error" },
  network_unavailable: { status: 503, type: "server_error" },
  size_mismatch: { status: 503, type: "server_error" },
  checksum_mismatch: { status: 503, type: "server_error" },
  internal: { status: 500, type: "server_error" },
};

export interface HttpErrorContext {
  /** The model is still loading: a full queue then reads as 503 (come back later), not 429. */
  loading?: boolean;
  requestId?: string;
}

export function toHttpError(error: unknown, context: HttpErrorContext = {}): HttpError {
  const typed: DeepthinkError = toDeepthinkError(error);
  const mapping = MAPPINGS[typed.code];
  let status = mapping.status;
  const headers: Record<string, string> = {};
  if (typed.code === "queue_full") {
    if (context.loading === true) status = 503;
    headers["Retry-After"] = String(Math.max(1, Math.ceil(typed.retryAfterSeconds ?? 1)));
  } else if (typed.retryAfterSeconds != null) {
    headers["Retry-After"] = String(Math.max(1, Math.ceil(typed.retryAfterSeconds)));
  }
  if (status === 401) headers["WWW-Authenticate"] = 'Bearer realm="deepthink"';
  // A 500 never carries internals (paths, native messages): the log has them under the request id.
  const isServerFault = status === 500;
  const message = isServerFault
    ? `The server failed while handling this request${context.requestId != null ? ` (request id ${context.requestId})` : ""}.`
    : typed.message;
  return {
    status,
    headers,
    isServerFault,
    body: errorBody(message, mapping.type, typed.param ?? null, mapping.wireCode ?? typed.code),
  };
}

export function errorBody(
  message: string,
  type: OpenAIErrorType,
  param: string | null,
  code: string | null,
): OpenAIErrorBody {
  return { error: { message, type, param, code } };
}

/** A response for an HTTP-level problem that has no DeepthinkError code (413, 404 route, 405). */
export function plainHttpError(status: number, message: string, code: string): HttpError {
  const type: OpenAIErrorType = status === 404 ? "not_found_error" : "invalid_request_error";
  return { status, headers: {}, isServerFault: false, body: errorBody(message, type, null, code) };
}

export function httpErrorResponse(error: HttpError): Response {
  return Response.json(error.body, { status: error.status, headers: error.headers });
}

/** Thrown for HTTP-level problems (body too large, unknown route) that are not engine or protocol errors. */
export class HttpProblem extends Error {
  override readonly name = "HttpProblem";
  constructor(readonly httpError: HttpError) {
    super(httpError.body.error.message);
  }
}

/** Either kind of thrown thing → the HTTP answer. */
export function resolveHttpError(error: unknown, context: HttpErrorContext = {}): HttpError {
  return error instanceof HttpProblem ? error.httpError : toHttpError(error, context);
}
