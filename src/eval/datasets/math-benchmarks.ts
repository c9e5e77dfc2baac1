/**
 * AIME 2024 (HuggingFaceH4/aime_2024, what lighteval and open-r1 read), AIME 2025 (yentinglin/aime_2025,
 * lighteval's aime25) and MATH-500 (HuggingFaceH4/MATH-500, the PRM800K test split). AIME answers are
 * integers 0–999, graded as integers; MATH-500 answers are LaTeX, graded symbolically.
 */
import { z } from "zod";
import type { Problem } from "../types.js";
import type { RowProblems, SourcedRow } from "./dataset-rows.js";
import { nonEmptyText, textOrNumber } from "./row-schemas.js";

const AimeRow = z.object({ id: textOrNumber, problem: nonEmptyText, answer: textOrNumber });

export function aimeProblems(rows: SourcedRow[], problems: RowProblems): Problem[] {
  return rows.flatMap((row) => {
    const parsed = problems.parse(AimeRow, row);
    if (parsed == null) return [];
    return [{ id: parsed.id, type: "integer" as const, question: parsed.problem, gold: parsed.answer }];
  });
}

const MathRow = z.object({ unique_id: nonEmptyText, problem: nonEmptyText, answer: textOrNumber });

export function math500Problems(rows: SourcedRow[], problems: RowProblems): Problem[] {
  return rows.flatMap((row) => {
    const parsed = problems.parse(MathRow, row);
    if (parsed == null) return [];
    return [{ id: parsed.unique_id, type: "math" as const, question: parsed.problem, gold: parsed.answer }];
  });
}
