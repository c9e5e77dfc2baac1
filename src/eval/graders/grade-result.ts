/** What every grader returns for one sample. Graders see the answer only: reasoning is stripped first. */
export interface GradeResult {
  correct: boolean;
  /** The answer as extracted from the response (`\boxed{…}` content, a letter, a code block), or null. */
  extracted: string | null;
  /** Why it was judged so, for the per-sample viewer (e.g. "symbolic: simplify(a-b)=0", "TLE on test 3"). */
  detail?: string;
}

export type GradeType = "math" | "integer" | "choice" | "code";
