import { answerText } from "./answer-text.js";
import type { GradeResult } from "./grade-result.js";

export type ChoiceLetter = "A" | "B" | "C" | "D" | "E" | "F" | "G" | "H" | "I" | "J";

export interface ChoiceGradeInput {
  response: string;
  /**
   * The correct option's letter as shown to the model (the runner applies its stored permutation): a
   * `ChoiceLetter`; any string is accepted and compared trimmed and upper-cased.
   */
  correctLetter: ChoiceLetter | (string & Record<never, never>);
  /**
   * Which stated answer counts when there are several. `last` (default): R1 tries options out loud
   * before settling. `first` is simple-evals' `re.search`, kept for comparison.
   */
  pick?: "last" | "first";
  /** The response began inside a prefilled think block: no `</think>` means no answer. Default false. */
  startInReasoning?: boolean;
}

/**
 * Ways an answer letter is stated: simple-evals' `Answer: $X$` (widened with `(X)`, A–J), a box, and
 * "the answer is (X)". Case-insensitive words, but the letter must be a capital followed by no letter:
 * "Answer: a total of…" or "Answer: Both…" states no option.
 */
const LETTER_PATTERNS: readonly RegExp[] = [
  /answer[ \t]*:[ \t]*\$?\(?([A-Ja-j])\)?\$?(?![A-Za-z])/gi,
  /\\(?:boxed|fbox)\{\s*(?:\\text(?:bf)?\{\s*)?\(?([A-J])\)?\s*\}?\s*\}/g,
  /answer is[ \t]*:?[ \t]*(?:option[ \t]*)?\$?\(?([A-Ja-j])\)?\$?(?![A-Za-z])/gi,
];

/** Grade a multiple-choice response: the stated letter (on the answer text, reasoning stripped) vs the key. */
export function gradeChoice(input: ChoiceGradeInput): GradeResult {
  const text = answerText(input.response, { startInReasoning: input.startInReasoning });
  if (text == null)
    return { correct: false, extracted: null, detail: "no answer: the think block never closed" };
  const extracted = statedLetter(text, input.pick ?? "last");
  if (extracted == null) return { correct: false, extracted: null, detail: "no answer letter found" };
  const key = input.correctLetter.trim().toUpperCase();
  const correct = extracted === key;
  return { correct, extracted, detail: correct ? "choice: letters match" : `choice: expected ${key}` };
}

/** The letter the text states, by position among every pattern's matches; a bare `B` / `(B)` answer too. */
export function statedLetter(text: string, pick: "last" | "first"): string | null {
  const plain = text.replaceAll("**", "").replaceAll("__", "");
  const hits: { at: number; letter: string }[] = [];
  for (const pattern of LETTER_PATTERNS) {
    for (const m of plain.matchAll(pattern)) {
      const letter = m[1];
      // "answer: a" in lower case is English more often than an option.
      if (letter != null && letter === letter.toUpperCase()) hits.push({ at: m.index, letter });
    }
  }
  hits.sort((a, b) => a.at - b.at);
  const hit = pick === "first" ? hits[0] : hits[hits.length - 1];
  if (hit != null) return hit.letter;
  const bare = /^\s*\$?\(?([A-J])\)?\$?[.)]?\s*$/.exec(plain);
  return bare?.[1] ?? null;
}
