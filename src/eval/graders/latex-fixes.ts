import { readArgument } from "./latex-groups.js";

/**
 * Hendrycks' `_fix_fracs`, done with a real argument reader: `\frac12` → `\frac{1}{2}`, `\frac1{72}`,
 * `\frac{72}1` and `\frac\pi2` too (the Python original missed the last two). A `\frac` whose arguments
 * are missing is left as written.
 */
export function fixFracs(text: string): string {
  let out = "";
  let i = 0;
  for (;;) {
    const at = text.indexOf("\\frac", i);
    if (at < 0 || /[a-zA-Z]/.test(text[at + 5] ?? "")) {
      if (at < 0) return out + text.slice(i);
      out += text.slice(i, at + 5);
      i = at + 5;
      continue;
    }
    const numerator = readArgument(text, at + 5);
    const denominator = numerator != null ? readArgument(text, numerator.end) : null;
    if (numerator == null || denominator == null) return out + text.slice(i);
    out += `${text.slice(i, at)}\\frac{${fixFracs(numerator.value)}}{${fixFracs(denominator.value)}}`;
    i = denominator.end;
  }
}

/** Hendrycks' `_fix_sqrt`: `\sqrt3` → `\sqrt{3}` (one token, as TeX reads it); `\sqrt[3]{x}` is kept. */
export function fixSqrt(text: string): string {
  return text
    .replace(/\\sqrt\s*\(([^()]*)\)/g, "\\sqrt{$1}") // `4\sqrt(2)`: Math-Verify #41 read it as 4
    .replace(/\\sqrt(?![a-zA-Z])\s*(\\[a-zA-Z]+|[^{[(\\\s])/g, "\\sqrt{$1}");
}

/** Hendrycks' `_fix_a_slash_b`: a whole answer `3/4` becomes `\frac{3}{4}` (integers only). */
export function fixSlash(text: string): string {
  const m = /^(-?)(\d+)\/(\d+)$/.exec(text);
  return m == null ? text : `${m[1]}\\frac{${m[2]}}{${m[3]}}`;
}
