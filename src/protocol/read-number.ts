import { invalidRequest, quote } from "./invalid-request.js";

export interface NumberRule {
  min?: number;
  max?: number;
  /** The minimum itself is not allowed (top_p must be above 0). */
  minExclusive?: boolean;
  integer?: boolean;
}

/**
 * An optional numeric field: `undefined` when absent (null or undefined), else the number after checking
 * it against `rule`. Presence, not truthiness: 0 is a value and is checked like any other.
 */
export function readNumber(value: unknown, param: string, rule: NumberRule = {}): number | undefined {
  if (value == null) return undefined;
  const accepted = describe(rule);
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw invalidRequest(param, `${param} must be ${accepted}; got ${quote(value)}.`);
  }
  const tooLow = rule.min != null && (rule.minExclusive === true ? value <= rule.min : value < rule.min);
  const tooHigh = rule.max != null && value > rule.max;
  const notInteger = rule.integer === true && !Number.isSafeInteger(value);
  if (tooLow || tooHigh || notInteger) {
    throw invalidRequest(param, `${param} must be ${accepted}; got ${value}.`);
  }
  return value;
}

function describe(rule: NumberRule): string {
  const kind = rule.integer === true ? "an integer" : "a number";
  const { min, max } = rule;
  if (min != null && max != null) {
    return rule.minExclusive === true
      ? `${kind} greater than ${min} and at most ${max}`
      : `${kind} from ${min} to ${max}`;
  }
  if (min != null) return rule.minExclusive === true ? `${kind} greater than ${min}` : `${kind} >= ${min}`;
  if (max != null) return `${kind} <= ${max}`;
  return kind;
}
