import { z } from "zod";
import { DeepthinkError } from "../../errors.js";
import { gradeChoice } from "./choice-grader.js";
import type { GradeResult } from "./grade-result.js";
import { gradeMath, type MathGradeOptions } from "./math-grader.js";

export type AnswerGradeType = "math" | "integer" | "choice";

/** One answer to grade, as `deepthink eval grade` takes it (flags, or one JSONL line). */
export interface GradeRequest {
  type: AnswerGradeType;
  /** LaTeX for math, an integer for integer, the correct letter for choice. */
  gold: string;
  response: string;
  pick?: "last" | "first";
  startInReasoning?: boolean;
  /** A batch line's own id, echoed in its result line. */
  id?: string | number;
}

const CHOICE_GOLD = /^[A-J]$/;

/** Dispatch to the grader for `type`. A choice gold that is not a letter A–J is the caller's error. */
export async function gradeRequest(
  request: GradeRequest,
  options: MathGradeOptions = {},
): Promise<GradeResult> {
  const { gold, response, startInReasoning } = request;
  if (request.type !== "choice") {
    return gradeMath({ gold, response, mode: request.type, startInReasoning }, options);
  }
  const letter = gold.trim().toUpperCase();
  if (!CHOICE_GOLD.test(letter)) {
    throw new DeepthinkError(
      "invalid_argument",
      `a choice gold must be one letter A-J, got ${JSON.stringify(gold)}.`,
      {
        param: "gold",
      },
    );
  }
  return gradeChoice({ response, correctLetter: letter, pick: request.pick, startInReasoning });
}

const lineSchema = z.object({
  gold: z.union([z.string(), z.number().transform(String)]),
  response: z.string(),
  type: z.enum(["math", "integer", "choice"]).optional(),
  pick: z.enum(["last", "first"]).optional(),
  startInReasoning: z.boolean().optional(),
  id: z.union([z.string(), z.number()]).optional(),
});

/**
 * One batch line `{"gold", "response", "type"?, "pick"?, "startInReasoning"?, "id"?}` → a request, `type`
 * defaulting to `defaultType`. Throws `invalid_argument` naming the field. A numeric gold (`"gold": 33`,
 * as AIME datasets store it) is taken as its decimal text.
 */
export function parseGradeLine(text: string, defaultType: AnswerGradeType): GradeRequest {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DeepthinkError(
      "invalid_argument",
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join(".") || "line";
    throw new DeepthinkError("invalid_argument", `${field}: ${issue?.message ?? "invalid"}`, {
      param: field,
    });
  }
  const { type, ...rest } = parsed.data;
  return { ...rest, type: type ?? defaultType };
}
