/**
 * The custom JSONL format (docs/eval.md): one object per line,
 * `{"id": "q1", "question": "…", "answer": "4", "type": "math"}`.
 * - `type`: `math` (default; LaTeX answers compared symbolically), `integer` (AIME-style), `choice`
 *   (the question lists its options; `answer` is the letter), or `code` (with `tests`, and optionally
 *   `fn_name` and `starter_code`, as LiveCodeBench's fields).
 * - `id` is optional (the line number is used) but must be unique when given.
 */
import { z } from "zod";
import type { Problem } from "../types.js";
import type { RowProblems, SourcedRow } from "./dataset-rows.js";
import { nonEmptyText, textOrNumber } from "./row-schemas.js";

const CustomRow = z
  .object({
    id: textOrNumber.optional(),
    question: nonEmptyText,
    answer: textOrNumber.optional(),
    type: z.enum(["math", "integer", "choice", "code"]).default("math"),
    tests: z
      .array(
        z.object({
          input: z.string(),
          output: z.string(),
          testtype: z.enum(["stdin", "functional"]).default("stdin"),
        }),
      )
      .optional(),
    fn_name: z.string().optional(),
    starter_code: z.string().optional(),
  })
  .refine((row) => row.type === "code" || (row.answer != null && row.answer !== ""), {
    message: "answer is required (except for type code)",
    path: ["answer"],
  })
  .refine((row) => row.type !== "code" || (row.tests != null && row.tests.length > 0), {
    message: "type code needs a non-empty tests array",
    path: ["tests"],
  })
  .refine((row) => row.type !== "choice" || /^[A-Z]$/i.test(row.answer ?? ""), {
    message: "a choice answer is one letter (A, B, C …)",
    path: ["answer"],
  });

export function customProblems(rows: SourcedRow[], problems: RowProblems): Problem[] {
  return rows.flatMap((row) => {
    const parsed = problems.parse(CustomRow, row);
    if (parsed == null) return [];
    const line = /:(\d+)$/.exec(row.where)?.[1] ?? row.where;
    const problem: Problem = {
      id: parsed.id ?? `line-${line}`,
      type: parsed.type,
      question: parsed.question,
      gold:
        parsed.type === "choice"
          ? parsed.answer!.toUpperCase()
          : (parsed.answer ?? `${parsed.tests?.length} tests`),
    };
    if (parsed.tests != null) problem.tests = parsed.tests;
    if (parsed.fn_name != null) problem.fnName = parsed.fn_name;
    if (parsed.starter_code != null) problem.starterCode = parsed.starter_code;
    return [problem];
  });
}
