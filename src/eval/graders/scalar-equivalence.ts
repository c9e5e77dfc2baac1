import type { ComputeEngine, Expression } from "@cortex-js/compute-engine";
import { differ, same, type Verdict } from "./equivalence-verdict.js";
import { splitTopLevel } from "./latex-groups.js";
import { complexValue, exactRational, valuesAgree } from "./numeric-agreement.js";
import { isIntegerLiteral, literalsVerdict, rationalLiteral } from "./rational-literal.js";
import { sampledVerdict } from "./symbol-sampling.js";

/** Relative tolerance for exact forms evaluated numerically (`\tan^{-1} 1` vs `\frac{\pi}{4}`). */
const EXACT_FORM_TOL = 1e-12;
/** Qwen2.5-Math's `isclose(rel_tol=1e-4)`, only when a decimal was written. */
const DECIMAL_TOL = 1e-4;

/**
 * Two normalised scalar answers. In order: plain numbers (exact BigInt arithmetic); words (string,
 * case-insensitive — `Monday` is not `M·o·n·d·a·y`); equations; then compute-engine: structural
 * sameness, exact `simplify(a − b)` = 0, exact rational values, numeric values, and for answers with
 * free symbols, agreement at sampled points.
 */
export function scalarsEquivalent(ce: ComputeEngine, gold: string, pred: string): Verdict {
  if (gold === pred) return same("string: equal after normalisation");
  const goldNumber = rationalLiteral(gold);
  const predNumber = rationalLiteral(pred);
  if (goldNumber != null && predNumber != null) return literalsVerdict(gold, goldNumber, predNumber);
  if (isWordy(gold) || isWordy(pred)) {
    return gold.toLowerCase() === pred.toLowerCase()
      ? same("text: equal ignoring case")
      : differ("text: different");
  }
  const policy = { decimal: hasDecimal(gold) || hasDecimal(pred), integerGold: isIntegerLiteral(gold) };
  ce.pushScope(); // symbols the answers declare (x, f…) must not leak into the next comparison
  try {
    const goldEq = equationSides(gold);
    const predEq = equationSides(pred);
    if (goldEq == null && predEq == null)
      return expressionsEquivalent(ce, ce.parse(gold), ce.parse(pred), policy);
    if (goldEq != null && predEq != null) return equationsEquivalent(ce, goldEq, predEq, policy);
    const [equation, other, equationIsGold] = goldEq != null ? [goldEq, pred, true] : [predEq!, gold, false];
    // `f(x) = x^2` answered `x^2` (or the reverse): the left side only names the answer.
    if (!/^[a-zA-Z](?:_\{?\w+\}?)?(?:\([a-z,]+\))?$/.test(equation[0]))
      return differ("equation vs expression");
    const [a, b] = equationIsGold ? [equation[1], other] : [other, equation[1]];
    return expressionsEquivalent(ce, ce.parse(a), ce.parse(b), policy);
  } catch (error) {
    return differ(`error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    ce.popScope();
  }
}

const RELATIONS = new Set([
  "Less",
  "LessEqual",
  "Greater",
  "GreaterEqual",
  "NotEqual",
  "Element",
  "NotElement",
]);

interface Policy {
  decimal: boolean;
  integerGold: boolean;
}

function expressionsEquivalent(ce: ComputeEngine, a: Expression, b: Expression, policy: Policy): Verdict {
  if (!a.isValid || !b.isValid) return differ("unparsable");
  if (a.isSame(b)) return same("symbolic: same canonical form");
  // Inequalities are compared by canonical form only (`3>x` is `x<3`); no arithmetic on relations.
  if (RELATIONS.has(a.operator) || RELATIONS.has(b.operator)) return differ("relation: not the same");
  const tol = policy.decimal && !policy.integerGold ? DECIMAL_TOL : EXACT_FORM_TOL;
  // `isSame(0)`, not `is(0)`: `is` is tolerance-based, and simplify(2^-99 − 2^-98).is(0) is true.
  if (ce.box(["Subtract", a, b]).simplify().isSame(ce.number(0))) {
    return same("symbolic: simplify(a-b)=0");
  }
  const symbols = [...new Set([...a.unknowns, ...b.unknowns])];
  if (symbols.length > 0) {
    const tolerance = policy.decimal
      ? { tol: DECIMAL_TOL, exactWhenRational: false }
      : { tol: 1e-9, exactWhenRational: true };
    return sampledVerdict(ce, a, b, symbols, tolerance);
  }
  const exactA = exactRational(a.evaluate());
  const exactB = exactRational(b.evaluate());
  if (exactA != null && exactB != null && exactA.num * exactB.den === exactB.num * exactA.den) {
    return same("exact: equal rationals");
  }
  if (exactA != null && exactB != null && tol === EXACT_FORM_TOL) return differ("exact: different rationals");
  const valueA = complexValue(a.N());
  const valueB = complexValue(b.N());
  if (valueA == null || valueB == null) return differ("numeric: not a finite number");
  return valuesAgree(valueA, valueB, tol)
    ? same(`numeric: within relative ${tol}`)
    : differ(`numeric: differ beyond relative ${tol}`);
}

/** `a = b` vs `c = d`: same sides, or a − b = ±(c − d) (`y = 2x+3` vs `2x - y + 3 = 0`). */
function equationsEquivalent(
  ce: ComputeEngine,
  g: [string, string],
  p: [string, string],
  policy: Policy,
): Verdict {
  const side = (s: string) => ce.parse(s);
  const lhs = expressionsEquivalent(ce, side(g[0]), side(p[0]), policy);
  if (lhs.equal && expressionsEquivalent(ce, side(g[1]), side(p[1]), policy).equal)
    return same("equation: same sides");
  const goldDiff = ce.box(["Subtract", side(g[0]), side(g[1])]);
  const predDiff = ce.box(["Subtract", side(p[0]), side(p[1])]);
  if (expressionsEquivalent(ce, goldDiff, predDiff, policy).equal) return same("equation: same a-b");
  if (expressionsEquivalent(ce, goldDiff, ce.box(["Negate", predDiff]), policy).equal)
    return same("equation: a-b negated");
  return differ("equation: not the same");
}

function equationSides(s: string): [string, string] | null {
  const sides = splitTopLevel(s, "=");
  return sides.length === 2 ? [sides[0] ?? "", sides[1] ?? ""] : null;
}

/** A decimal literal was written (normalisation made `.5` into `0.5`, so digit-dot-digit finds it). */
function hasDecimal(s: string): boolean {
  return /\d\.\d/.test(s);
}

/** A run of three letters outside a control word: a word, not a product of variables. */
export function isWordy(s: string): boolean {
  return /[a-zA-Z]{3,}/.test(s.replace(/\\(?:begin|end)\{\w+\}/g, " ").replace(/\\[a-zA-Z]+/g, " "));
}
