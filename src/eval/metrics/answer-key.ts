/**
 * The key a sample's extracted answer votes under in cons@k. Answers group by a normalised string, not
 * by mathematical equivalence (`\frac12` and `0.5` are different votes): cheap, deterministic, and what
 * AIME's integers need exactly. Multiple-choice letters map back through the sample's own option order,
 * since "B" means a different option in each shuffled prompt. Unextractable answers do not vote.
 */
import type { GradeType } from "../types.js";

export function answerKey(
  type: GradeType,
  extracted: string | null,
  choiceOrder: number[] | null,
): string | null {
  if (extracted == null) return null;
  const text = extracted.trim();
  if (text === "") return null;
  switch (type) {
    case "integer": {
      const digits = text.replace(/[,\s]/g, "").replace(/^\+/, "");
      if (/^-?\d+$/.test(digits)) return String(BigInt(digits));
      return normaliseLatex(text);
    }
    case "choice": {
      const letter = text
        .toUpperCase()
        .replace(/[^A-Z]/g, "")
        .slice(-1);
      if (letter === "") return null;
      const index = letter.charCodeAt(0) - 65;
      if (choiceOrder == null) return `letter:${letter}`;
      const original = choiceOrder[index];
      return original != null ? `option:${original}` : null;
    }
    case "math":
      return normaliseLatex(text);
    case "code":
      return null;
  }
}

function normaliseLatex(text: string): string | null {
  const key = text
    .replace(/^\$+|\$+$/g, "")
    .replace(/\\left|\\right|\\!|\\,|\\;|\\ /g, "")
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/\\text\{\s*([^{}]*?)\s*\}/g, "$1")
    .replace(/\s+/g, "")
    .replace(/\.$/, "");
  return key === "" ? null : key;
}
