import { invalidRequest, quote } from "./invalid-request.js";

/** An optional flag: `undefined` when absent; `false` is a value, not an absence. */
export function readBoolean(value: unknown, param: string): boolean | undefined {
  if (value == null) return undefined;
  if (typeof value === "boolean") return value;
  throw invalidRequest(param, `${param} must be true or false; got ${quote(value)}.`);
}
