/** The eval harness's shared shapes: a problem as every benchmark loader produces it. */
import type { GradeType } from "./graders/grade-result.js";

export type { GradeType };

/** One test of a code problem, as LiveCodeBench ships them. */
export interface CodeTest {
  input: string;
  output: string;
  testtype: "stdin" | "functional";
}

export interface Problem {
  /** Stable within its dataset (the dataset's own id when it has one). */
  id: string;
  type: GradeType;
  /** The question as the dataset states it, without any prompt template around it. */
  question: string;
  /** The reference answer as shown in reports (math: the answer; choice: the correct option's letter or text). */
  gold: string;
  /** Multiple choice from the options (GPQA): the correct one first, shuffled per sample for the prompt. */
  options?: { correct: string; incorrect: string[] };
  /** Code: the tests every generated program must pass, public and private together. */
  tests?: CodeTest[];
  /** Code, LeetCode style: the method of `class Solution` to call. */
  fnName?: string;
  /** Code, LeetCode style: the starter code shown in the prompt. */
  starterCode?: string;
}
