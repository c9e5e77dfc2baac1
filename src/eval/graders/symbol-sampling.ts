import type { ComputeEngine, Expression } from "@cortex-js/compute-engine";
import { differ, same, type Verdict } from "./equivalence-verdict.js";
import { complexValue, exactRational, isReal, valuesAgree } from "./numeric-agreement.js";

/** Points per comparison: three with every symbol positive, three negative. */
const POINTS = 6;
/** Agreements needed at points where both sides are real. */
const MIN_REAL_AGREEMENTS = 2;
/** Sample points are multiples of 1/64: exact rationals, so polynomials evaluate exactly. */
const DENOMINATOR = 64;

/**
 * Two expressions with free symbols, compared at pseudo-random points (a fixed seed, so a verdict is
 * reproducible). The CAS's `simplify` misses identities (and expands `(x+1)^{60}` in doubles, wrongly);
 * values at a handful of points do not.
 *
 * The points are rationals, and each side is first evaluated exactly: a polynomial or rational function
 * then compares in exact arithmetic, with no cancellation error (`(x+1)^{60}` against its 61-term
 * expansion at x = −0.75 loses every digit in 21-digit floats) — unless a decimal was written, which
 * asks for `tol` anyway. Other values (roots, π, logs) compare numerically with `tol`.
 *
 * Where a side is not real (a square root of a negative), branch conventions may differ — `\sqrt{1/n}`
 * and `\frac{1}{\sqrt n}` disagree for n < 0 only by the branch — so such points are skipped, not
 * counted against. A disagreement where both sides are real is decisive: `|x|` ≠ `x`.
 */
export function sampledVerdict(
  ce: ComputeEngine,
  a: Expression,
  b: Expression,
  symbols: readonly string[],
  tolerance: { tol: number; exactWhenRational: boolean },
): Verdict {
  const { tol, exactWhenRational } = tolerance;
  const random = mulberry32(0x5eed);
  let realAgreements = 0;
  for (let point = 0; point < POINTS; point++) {
    const sign = point < POINTS / 2 ? 1 : -1;
    const values: Record<string, Expression> = {};
    for (const s of symbols) {
      const numerator = sign * Math.round((0.5 + 2.5 * random()) * DENOMINATOR);
      values[s] = ce.box(["Rational", numerator, DENOMINATOR]);
    }
    const [atA, atB] = [a.subs(values).evaluate(), b.subs(values).evaluate()];
    const [exactA, exactB] = [exactRational(atA), exactRational(atB)];
    if (exactA != null && exactB != null && exactWhenRational) {
      if (exactA.num * exactB.den !== exactB.num * exactA.den)
        return differ(`sampled: differ at ${describe(values)}`);
      realAgreements++;
      continue;
    }
    const va = complexValue(atA.N());
    const vb = complexValue(atB.N());
    if (va == null || vb == null) continue;
    const agree = valuesAgree(va, vb, tol);
    const real = isReal(va) && isReal(vb);
    if (real && !agree) return differ(`sampled: differ at ${describe(values)}`);
    if (real) realAgreements++;
  }
  return realAgreements >= MIN_REAL_AGREEMENTS
    ? same(`sampled: agree at ${realAgreements} points (${symbols.join(", ")})`)
    : differ("sampled: too few points where both sides are real numbers");
}

function describe(values: Record<string, Expression>): string {
  return Object.entries(values)
    .map(([s, v]) => `${s}=${v.re.toFixed(3)}`)
    .join(", ");
}

/** A tiny seeded PRNG: reproducible points without a dependency. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
