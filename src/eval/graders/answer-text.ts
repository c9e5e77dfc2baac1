import { answerOf, splitReasoning, THINK_CLOSE } from "../../protocol/index.js";

export interface AnswerTextOptions {
  /**
   * The response was generated after a prefilled `<think>\n` (the updated R1 template), so text with no
   * `</think>` is unfinished reasoning, not an answer. Default false: text without think tags is answer.
   */
  startInReasoning?: boolean;
}

/**
 * The part of a response a grader may look at: the text after the last `</think>`. A response whose
 * think block never closed (truncated, looping) has no answer at all — returning null keeps a `\boxed{}`
 * written mid-reasoning from being graded as the final answer.
 */
export function answerText(response: string, options: AnswerTextOptions = {}): string | null {
  // The last `</think>`, not the first: a model that re-opens thinking inside its answer still ends with
  // its final answer after the last close tag (what R1's chat template keeps of an earlier turn).
  if (response.includes(THINK_CLOSE)) return answerOf(response);
  const { reasoning, content } = splitReasoning(response, {
    startInReasoning: options.startInReasoning ?? false,
  });
  if (content === "" && reasoning !== "") return null;
  return content;
}
