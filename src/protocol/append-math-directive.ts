import { MATH_DIRECTIVE } from "./constants.js";

/**
 * The user text with the README's math directive after it, separated by a blank line (its own
 * paragraph, as in the README's prompts; trailing whitespace of the question is replaced, not stacked).
 * Text that already contains the directive is returned unchanged, so it is never added twice.
 */
export function appendMathDirective(text: string): string {
  if (text.includes(MATH_DIRECTIVE)) return text;
  const question = text.trimEnd();
  return question === "" ? MATH_DIRECTIVE : `${question}\n\n${MATH_DIRECTIVE}`;
}
