import { THINK_CLOSE } from "./constants.js";

/**
 * The answer part of an earlier assistant turn, as the R1 chat template renders it:
 * `content.split('</think>')[-1]`. Leading whitespace goes too, since R1 separates the think block from
 * its answer with blank lines that are not part of the answer.
 */
export function answerOf(content: string): string {
  const end = content.lastIndexOf(THINK_CLOSE);
  if (end < 0) return content;
  return content.slice(end + THINK_CLOSE.length).trimStart();
}
