import { lastBoxed } from "./boxed-answer.js";

/** Minerva's "Final Answer: The final answer is $x$. I hope it is correct." */
const MINERVA = /final answer is\s*\$([^$]+)\$\.?\s*I hope/gi;

/**
 * Phrases that introduce a final answer when nothing is boxed, most specific first (after Qwen2.5-Math's
 * `extract_answer` and Math-Verify's priority list). The answer is the rest of the line after the LAST
 * occurrence of the phrase: a reasoning-style answer restates candidates before settling.
 */
const ANSWER_PHRASES: readonly RegExp[] = [
  /final answer\s*(?:is|:)\s*/gi,
  /(?:the|my) answer is\s*:?\s*/gi,
  /answer\s*:\s*/gi,
];

/** A number as the last resort (Qwen's `-?\d*\.?\d+` after thousands commas are dropped). */
const NUMBER = /-?\d{1,3}(?:,\d{3})+(?:\.\d+)?|-?\d*\.?\d+/g;

/**
 * The final answer of a math response's answer text: the last `\boxed{…}`; else the rest of the line
 * after "final answer is" / "the answer is" / "answer:", cut to its first `$…$` (or `\(…\)`) when it has
 * one; else the last math span (Math-Verify's bare-LaTeX rule: "the area is $12\sqrt{3}$." is not 3);
 * else the last number (Qwen). Markdown bold is dropped first (`**73**` must read as 73, Math-Verify #76).
 */
export function extractMathAnswer(text: string): string | null {
  const plain = text.replaceAll("**", "");
  const boxed = lastBoxed(plain);
  if (boxed != null) return nonEmpty(boxed);
  const minerva = [...plain.matchAll(MINERVA)].pop()?.[1];
  if (minerva != null && minerva.trim() !== "") return minerva.trim();
  for (const phrase of ANSWER_PHRASES) {
    const last = [...plain.matchAll(phrase)].pop();
    if (last == null) continue;
    const rest = plain.slice(last.index + last[0].length).split("\n")[0] ?? "";
    const answer = nonEmpty(cutToMath(rest));
    if (answer != null) return answer;
  }
  const span = [...plain.matchAll(MATH_SPAN)].pop();
  const spanText = span != null ? nonEmpty(span[1] ?? span[2] ?? span[3] ?? span[4] ?? "") : null;
  if (spanText != null) return spanText;
  const numbers = [...plain.matchAll(NUMBER)];
  const lastNumber = numbers[numbers.length - 1]?.[0];
  return lastNumber != null ? lastNumber.replaceAll(",", "") : null;
}

/** `$$…$$`, `$…$`, `\(…\)`, `\[…\]`. */
const MATH_SPAN = /\$\$([^$]+)\$\$|\$([^$]+)\$|\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;

function cutToMath(line: string): string {
  const math = new RegExp(MATH_SPAN.source).exec(line);
  if (math != null) return math[1] ?? math[2] ?? math[3] ?? math[4] ?? "";
  // A sentence: stop at its end, not at a decimal point.
  return line.replace(/\.(\s.*)?$/, "").trim();
}

function nonEmpty(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}
