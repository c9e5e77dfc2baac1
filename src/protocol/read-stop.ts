import { MAX_STOP_SEQUENCES } from "./constants.js";
import { invalidRequest, quote } from "./invalid-request.js";

/** `stop` as a list: one string or up to 16 (DeepSeek's limit), none of them empty. */
export function readStop(value: unknown): string[] {
  if (value == null) return [];
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length > MAX_STOP_SEQUENCES) {
    throw invalidRequest("stop", `stop accepts at most ${MAX_STOP_SEQUENCES} sequences; got ${list.length}.`);
  }
  return list.map((item, index) => {
    const param = Array.isArray(value) ? `stop[${index}]` : "stop";
    if (typeof item !== "string" || item === "") {
      throw invalidRequest(param, `${param} must be a non-empty string; got ${quote(item)}.`);
    }
    return item;
  });
}
