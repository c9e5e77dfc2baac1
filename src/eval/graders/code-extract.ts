import { answerText } from "./answer-text.js";

const FENCE = "```";

/**
 * The program in a response, as LiveCodeBench extracts it (lcb_runner/utils/extraction_utils.py): of
 * the lines containing a fence, take the last two and return what lies between them. Only the answer
 * is searched — reasoning is stripped first, so code drafted while thinking never counts. Null when the
 * answer has fewer than two fence lines (LiveCodeBench returns "" and then fails every test).
 */
export function extractCode(response: string): string | null {
  const answer = answerText(response);
  if (answer == null) return null;
  const lines = answer.split("\n");
  const fences: number[] = [];
  lines.forEach((line, index) => {
    if (line.includes(FENCE)) fences.push(index);
  });
  if (fences.length < 2) return null;
  const [open, close] = fences.slice(-2) as [number, number];
  return lines.slice(open + 1, close).join("\n");
}
