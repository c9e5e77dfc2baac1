import { DeepthinkError } from "../errors.js";

/** The one way the protocol rejects a request: which field (`param`), why, and what is accepted. */
export function invalidRequest(param: string, message: string): DeepthinkError {
  return new DeepthinkError("invalid_request", message, { param });
}

/** A value quoted in an error message: short, and unambiguous about its type ("1" vs 1). */
export function quote(value: unknown): string {
  let text: string;
  try {
    text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
