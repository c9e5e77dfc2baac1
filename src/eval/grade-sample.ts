/**
 * The one place the harness calls the graders: a problem and a sample's answer → a verdict. Graders see
 * the answer only (the text after `</think>`): a sample cut off inside its reasoning has no answer and is
 * wrong, and counts in the truncation rate. Multiple choice is graded against the letter at which this
 * sample's own shuffled order showed the correct option.
 */
import { gradeChoice } from "./graders/choice-grader.js";
import { gradeCode } from "./graders/code-grader.js";
import type { GradeResult } from "./graders/grade-result.js";
import { closeGraders as closeMathGraders, gradeMath } from "./graders/math-grader.js";
import { correctPosition } from "./prompts/choice-order.js";
import { CHOICE_LETTERS } from "./prompts/templates.js";
import type { Problem } from "./types.js";

/**
 * Stored with every verdict, so re-grades are told apart from the originals. Bump it when a grader's
 * judgement changes (the graders' owners say when).
 */
export const GRADER_VERSION = "graders-1";

export interface SampleAnswer {
  content: string;
  choiceOrder: number[] | null;
}

export async function gradeSample(problem: Problem, answer: SampleAnswer): Promise<GradeResult> {
  switch (problem.type) {
    case "math":
    case "integer":
      return gradeMath({ gold: problem.gold, response: answer.content, mode: problem.type });
    case "choice":
      return gradeChoice({
        response: answer.content,
        correctLetter: correctLetter(problem, answer),
        pick: "last",
      });
    case "code": {
      const result = await gradeCode({
        response: answer.content,
        tests: problem.tests ?? [],
        ...(problem.fnName != null ? { fnName: problem.fnName } : {}),
      });
      return {
        correct: result.correct,
        extracted: result.extracted,
        ...(result.detail != null ? { detail: result.detail } : {}),
      };
    }
  }
}

/** The correct letter this sample saw: from its option order, or the dataset's letter when unshuffled. */
export function correctLetter(problem: Problem, answer: Pick<SampleAnswer, "choiceOrder">): string {
  if (answer.choiceOrder == null) return problem.gold.trim().toUpperCase();
  return CHOICE_LETTERS[correctPosition(answer.choiceOrder)] ?? "A";
}

/** Lets the process exit: the math grader keeps a worker pool. */
export async function closeGraders(): Promise<void> {
  await closeMathGraders();
}
