import { differ, same, type Verdict } from "./equivalence-verdict.js";

/** An exact rational read from a literal, and whether it was written with a decimal point. */
export interface Rational {
  num: bigint;
  den: bigint;
  decimal: boolean;
}

/** Relative tolerance for a decimal answer, Qwen2.5-Math's `isclose(rel_tol=1e-4)`. */
export const DECIMAL_REL_TOL_INVERSE = 10_000n;

/**
 * A normalised answer that is a plain number: `-12`, `3.25`, `\frac{3}{4}`, `-\frac{10}{4}`. Read into
 * BigInt numerator/denominator, so `1/2^{99}`-style magnitudes and 30-digit integers stay exact — the
 * tolerance-based equality of a float CAS is what makes Math-Verify call `1/2004!` equal to `1/2006!`.
 */
export function rationalLiteral(s: string): Rational | null {
  const frac = /^(-?)\\frac\{(-?\d+)\}\{(-?\d+)\}$/.exec(s);
  if (frac != null) {
    const num = BigInt(frac[2] ?? "0") * (frac[1] === "-" ? -1n : 1n);
    const den = BigInt(frac[3] ?? "1");
    if (den === 0n) return null;
    return den < 0n ? { num: -num, den: -den, decimal: false } : { num, den, decimal: false };
  }
  const dec = /^([+-]?)(\d*)(?:\.(\d+))?$/.exec(s);
  if (dec == null || (dec[2] === "" && dec[3] == null)) return null;
  const fraction = dec[3] ?? "";
  const num = BigInt(`${dec[2] ?? ""}${fraction}` || "0") * (dec[1] === "-" ? -1n : 1n);
  return { num, den: 10n ** BigInt(fraction.length), decimal: dec[3] != null };
}

export function isIntegerLiteral(s: string): boolean {
  return /^[+-]?\d+$/.test(s);
}

/** a = b exactly (cross-multiplied, so `\frac{2}{4}` = `\frac{1}{2}` = `0.5`). */
export function rationalsEqual(a: Rational, b: Rational): boolean {
  return a.num * b.den === b.num * a.den;
}

/** |a − b| ≤ 1e-4 · max(|a|, |b|), decided in exact integer arithmetic. */
export function rationalsClose(a: Rational, b: Rational): boolean {
  const diff = abs(a.num * b.den - b.num * a.den);
  const scale = max(abs(a.num) * b.den, abs(b.num) * a.den);
  return diff * DECIMAL_REL_TOL_INVERSE <= scale;
}

function abs(x: bigint): bigint {
  return x < 0n ? -x : x;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/**
 * Two plain numbers, decided without a CAS. An integer gold demands exact equality (`5.0` is 5,
 * `4.99999` is not: PRM800K's "integer gold requires integer pred"); otherwise a decimal on either side
 * earns Qwen's relative 1e-4 (`2.4999` vs `\frac{5}{2}`); two exact forms must be exactly equal.
 */
export function literalsVerdict(goldText: string, gold: Rational, pred: Rational): Verdict {
  if (rationalsEqual(gold, pred)) return same("exact: equal numbers");
  if (!isIntegerLiteral(goldText) && (gold.decimal || pred.decimal) && rationalsClose(gold, pred)) {
    return same("numeric: within relative 1e-4 (decimal answer)");
  }
  return differ("exact: different numbers");
}

/**
 * When exactly one side was written with a percent sign, its number may also be read as a fraction
 * (`25\%` = `\frac{1}{4}`), as Math-Verify does. Normalisation already compared it as a bare number
 * (`25\%` = `25`, Hendrycks); this is the second reading, for plain numbers only. A number with no percent
 * sign is never scaled (`0.05` ≠ `5`, unlike Qwen's `include_percentage`).
 */
export function percentVerdict(
  gold: { raw: string; norm: string },
  pred: { raw: string; norm: string },
): Verdict | null {
  const goldPercent = gold.raw.includes("%");
  if (goldPercent === pred.raw.includes("%")) return null;
  const g = rationalLiteral(gold.norm);
  const p = rationalLiteral(pred.norm);
  if (g == null || p == null) return null;
  const verdict = goldPercent
    ? literalsVerdict("", { ...g, den: g.den * 100n }, p)
    : literalsVerdict(gold.norm, g, { ...p, den: p.den * 100n });
  return verdict.equal ? { equal: true, detail: `percent: read as /100, ${verdict.detail}` } : null;
}
