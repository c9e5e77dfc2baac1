import { type DeepthinkError, type ErrorCode, toDeepthinkError } from "../../errors.js";

/** The client's own mistakes: every replica would answer them alike, so they are neither retried nor held against one. */
const CLIENT_FAULTS: ReadonlySet<ErrorCode> = new Set([
  "invalid_request",
  "invalid_argument",
  "context_length_exceeded",
  "model_not_found",
  "unauthorized",
  "aborted",
]);

export type FailureKind =
  /** The client's fault: pass it on. */
  | "client"
  /** The replica is busy (429, its queue is full): try another, but it is not broken. */
  | "busy"
  /** The replica failed (unreachable, 5xx, broke off): try another and count it towards ejection. */
  | "replica";

export function failureKind(error: DeepthinkError): FailureKind {
  if (CLIENT_FAULTS.has(error.code)) return "client";
  if (error.code === "queue_full") return "busy";
  return "replica";
}

export function asError(error: unknown): DeepthinkError {
  return toDeepthinkError(error);
}
