import { dropTrailingUnit, numberWord } from "./answer-words.js";
import { fixFracs, fixSlash, fixSqrt } from "./latex-fixes.js";
import { replaceCommand, splitTopLevel, wrapsWhole } from "./latex-groups.js";

/** Commands whose argument is plain text to keep (`\text{Monday}` → `Monday`, `\mathrm{e}` → `e`). */
const TEXT_WRAPPERS = [
  "text",
  "textrm",
  "textnormal",
  "textbf",
  "textit",
  "mathrm",
  "mathbf",
  "mathit",
  "mbox",
  "boldsymbol",
  "mathsf",
  "boxed",
  "fbox",
];

/**
 * An extracted answer in canonical string form: a port of Hendrycks' `strip_string` and Qwen2.5-Math's
 * `strip_string`, adjusted so the result still parses as LaTeX (the equivalence step needs it). Two
 * answers whose normal forms are equal strings are equal; everything else goes on to the CAS.
 *
 * Deliberate departures from the Python originals: `\\` is kept (matrix rows); `\{ \}` are kept (sets
 * stay sets); " and " / " or " become commas (Qwen deletes "and", gluing `1 and 2` into `12`); a space
 * after a control word survives (`\pi r` must not become `\pir`); units go only from the end.
 */
export function normalizeMathAnswer(raw: string): string {
  let s = raw.replace(/\s+/g, " ").replace(/[−–]/g, "-").trim();
  s = s.replace(/π/g, "\\pi ").replace(/∞/g, "\\infty ").replace(/×/g, "\\times ").replace(/·/g, "\\cdot ");
  s = s
    .replace(/^\$+|\$+$/g, "")
    .replace(/^\\\(|\\\)$/g, "")
    .replace(/^\\\[|\\\]$/g, "");
  s = s.replace(/\\(?:displaystyle|textstyle|scriptstyle)(?![a-zA-Z])/g, "");
  s = s.replace(/(?<!\\)\\[!,;:> ]|\\q?quad(?![a-zA-Z])|~/g, " ").replace(/\{,\}/g, ",");
  s = s.replace(/\\[dtc]frac(?![a-zA-Z])/g, "\\frac");
  s = s.replace(/\\(?:left|right)\s*\.|\\(?:left|right|[bB]igg?[lr]?)(?![a-zA-Z])/g, "");
  s = s.replace(/\\neq(?![a-zA-Z])/g, "\\ne").replace(/\\leq(?:slant)?(?![a-zA-Z])/g, "\\le");
  s = s.replace(/\\geq(?:slant)?(?![a-zA-Z])/g, "\\ge").replace(/\\lvert|\\rvert/g, "|");
  s = s.replace(/\\langle(?![a-zA-Z])/g, "(").replace(/\\rangle(?![a-zA-Z])/g, ")");
  s = s
    .replace(/\\begin\{array\}\{[^}]*\}/g, "\\begin{pmatrix}")
    .replace(/\\end\{array\}/g, "\\end{pmatrix}");
  s = s.replace(/\{[bBv]?matrix\}|\{smallmatrix\}/g, "{pmatrix}");
  // Degrees, currency, percent: the number is the answer (MATH writes "90", "18.90", "5" in its keys).
  s = s.replace(/\^\s*\{\s*\\circ\s*\}|\^\s*\\circ(?![a-zA-Z])|°|\\(?:text)?degree(?![a-zA-Z])/g, "");
  s = s.replace(/\\\$|\$/g, "").replace(/\\%|%/g, "");
  s = s.replace(/\\(?:text|mbox|textrm)\s*\{\s*(?:and|or)\s*\}/g, ",");
  s = dropTextUnits(s);
  s = replaceCommand(s, TEXT_WRAPPERS, (arg) => arg);
  s = numberWord(s);
  s = s.replace(/\s+(?:and|or)\s+/gi, ",").replace(/,\s*,/g, ",");
  s = s.replace(/\\(?:emptyset|varnothing)(?![a-zA-Z])|^\\\{\s*\\\}$/g, "\\emptyset");
  s = s.replace(/\\infin(?![a-zA-Z])|infinity|(?<![\\a-zA-Z])inf(?![a-zA-Z])/g, "\\infty");
  s = s.replace(/([,([]\s*)\+\s*\\infty/g, "$1\\infty");
  s = s.replace(/\\mathbb\s*R(?![a-zA-Z])|\\R(?![a-zA-Z])/g, "\\mathbb{R}");
  s = dropTrailingUnit(s.trim());
  s = splitTopLevel(s, ",").map(dropVariablePrefix).join(",");
  s = squeezeSpaces(s);
  s = fixSlash(fixFracs(fixSqrt(s)));
  if (s === "(-\\infty,\\infty)") s = "\\mathbb{R}";
  s = tidyNumbers(s);
  s = s.replace(/^\((\w)\)$|^(\w)\)$/, "$1$2"); // `(C)`, `C)` → `C`
  while (s.length > 1 && s.startsWith("{") && wrapsWhole(s)) s = s.slice(1, -1);
  return s.replace(/[.,]+$/, "");
}

/**
 * Trailing `\text{…}` is a unit (`5\text{ cm}`, `30\text{ degrees}`) when something precedes it: Qwen's
 * rule. Hendrycks' `\text{ ` (with a space) rule is its special case.
 */
function dropTextUnits(s: string): string {
  const stripped = s.replace(/\\(?:text|mbox|textrm)\s*\{[^{}]*\}(?:\^\{?\d\}?)?$/, "").trim();
  return stripped !== "" && !/[,=([]$/.test(stripped) ? stripped : s;
}

/**
 * `x = 5`, `k=5`, `(a,b) = (2,3)`, `x \in [1,2]`: a variable naming the answer is not part of it (Hendrycks drops a
 * left side of at most two characters, Qwen drops `x=`/`x\in`). Kept when the right side has variables
 * (`y = 2x+3` is an equation answer, compared as one) or the left side is longer (`f(x) =`, `x+y =`).
 */
function dropVariablePrefix(element: string): string {
  const s = element.trim();
  const inSet = /^[a-zA-Z]\s*\\in(?![a-zA-Z])\s*/.exec(s);
  if (inSet != null) return s.slice(inSet[0].length);
  const parts = s.split("=");
  const lhs = parts[0]?.trim() ?? "";
  const rhs = parts[1]?.trim() ?? "";
  const rhsHasVariables = /[a-zA-Z]/.test(rhs.replace(/\\[a-zA-Z]+/g, ""));
  const namesAnswer = /^(?:[a-zA-Z]|[a-zA-Z]_\{?\w\}?|\\[a-zA-Z]+|\([a-zA-Z](?:\s*,\s*[a-zA-Z])+\))$/.test(
    lhs,
  );
  if (parts.length === 2 && !rhsHasVariables && namesAnswer) {
    return rhs;
  }
  return s;
}

/** Remove spaces, except one after a control word followed by a letter (`\pi r`, `\cdot x`). */
function squeezeSpaces(s: string): string {
  return s
    .replace(/(\\[a-zA-Z]+)\s+(?=[a-zA-Z])/g, "$1\u0000")
    .replace(/\s+/g, "")
    .replace(/\u0000/g, " ");
}

/** Thousands separators, `.5` → `0.5`, `2.50` → `2.5`, `3.0` → `3` (Hendrycks and Qwen rules). */
function tidyNumbers(s: string): string {
  let out = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s) ? s.replaceAll(",", "") : s;
  out = out.replace(/(^|[^\d])\.(\d)/g, "$10.$2");
  out = out.replace(/(\d\.\d*?[1-9])0+(?!\d)/g, "$1").replace(/(\d)\.0+(?!\d)/g, "$1");
  return out;
}
