import { BigDecimal, type Expression, isNumber } from "@cortex-js/compute-engine";

/** A complex value read from a numeric literal at the engine's big-decimal precision. */
export interface ComplexValue {
  re: BigDecimal;
  im: BigDecimal;
}

/**
 * The value of an evaluated expression, or null when it is not a finite number (a symbol left over,
 * infinity, NaN, a boolean). Big decimals, not doubles: `1/2004!` is 1.9e-5749, which a double rounds
 * to 0 — and then it would "equal" `1/2006!`.
 */
export function complexValue(expr: Expression): ComplexValue | null {
  if (!isNumber(expr)) return null;
  const re = expr.bignumRe ?? new BigDecimal(expr.re);
  const im = expr.bignumIm ?? new BigDecimal(expr.im);
  return re.isFinite() && im.isFinite() ? { re, im } : null;
}

/** |a − b| ≤ tol · max(|a|, |b|) in the 1-norm; two zeros agree. Relative only, never absolute. */
export function valuesAgree(a: ComplexValue, b: ComplexValue, tol: number): boolean {
  const diff = a.re.sub(b.re).abs().add(a.im.sub(b.im).abs());
  if (diff.isZero()) return true;
  const size = (v: ComplexValue) => v.re.abs().add(v.im.abs());
  const scale = size(a).gt(size(b)) ? size(a) : size(b);
  return diff.lte(scale.mul(tol));
}

export function isReal(v: ComplexValue): boolean {
  return v.im.isZero();
}

/** Exact rational value of an evaluated expression (`["Rational", p, q]`, an integer), else null. */
export function exactRational(expr: Expression): { num: bigint; den: bigint } | null {
  return rationalOfJson(expr.json);
}

function rationalOfJson(json: unknown): { num: bigint; den: bigint } | null {
  const integer = integerOfJson(json);
  if (integer != null) return { num: integer, den: 1n };
  if (!Array.isArray(json)) return null;
  if (json[0] === "Rational" && json.length === 3) {
    const num = integerOfJson(json[1]);
    const den = integerOfJson(json[2]);
    return num != null && den != null && den !== 0n ? { num, den } : null;
  }
  if (json[0] === "Negate" && json.length === 2) {
    const inner = rationalOfJson(json[1]);
    return inner != null ? { num: -inner.num, den: inner.den } : null;
  }
  return null;
}

function integerOfJson(json: unknown): bigint | null {
  if (typeof json === "number") return Number.isSafeInteger(json) ? BigInt(json) : null;
  if (json != null && typeof json === "object" && "num" in json) {
    // Big integers come as digit strings, trailing zeros folded into an exponent (`2004!` ends in e+500).
    const digits = (json as { num: unknown }).num;
    const m = typeof digits === "string" ? /^(-?\d+)(?:e\+?(\d+))?$/.exec(digits) : null;
    return m != null ? BigInt(m[1] ?? "0") * 10n ** BigInt(m[2] ?? "0") : null;
  }
  return null;
}
