import { normalizeMathAnswer } from "./math-normalize.js";

/**
 * An AIME-style answer as an exact integer, or null when it is not one. After normalisation (units,
 * `^\circ`, `\text{}`, thousands separators) only an integer literal counts: leading zeros (`033`),
 * a sign, and a zero fraction (`70.0`, PRM800K's float→int) are accepted; `\frac{66}{2}` or `33.5` are
 * not — an AIME answer is written as an integer. BigInt, so no size limit and no rounding.
 */
export function integerAnswer(answer: string): bigint | null {
  const s = normalizeMathAnswer(answer);
  const m = /^([+-]?)(\d+)(?:\.0*)?$/.exec(s); // no `0*` before `\d+`: that backtracks quadratically
  if (m == null) return null;
  const value = BigInt(m[2] ?? "0");
  return m[1] === "-" ? -value : value;
}
