/**
 * GPQA-Diamond (Idavidrein/gpqa, gpqa_diamond.csv; gated: accept the terms and set HF_TOKEN). The
 * dataset's terms forbid revealing examples, so nothing here logs a question; problems carry the correct
 * option first and the prompt builder shuffles them per sample.
 */
import { z } from "zod";
import type { Problem } from "../types.js";
import type { RowProblems, SourcedRow } from "./dataset-rows.js";
import { nonEmptyText } from "./row-schemas.js";

const GpqaRow = z.object({
  "Record ID": nonEmptyText,
  Question: nonEmptyText,
  "Correct Answer": nonEmptyText,
  "Incorrect Answer 1": nonEmptyText,
  "Incorrect Answer 2": nonEmptyText,
  "Incorrect Answer 3": nonEmptyText,
});

export function gpqaProblems(rows: SourcedRow[], problems: RowProblems): Problem[] {
  return rows.flatMap((row) => {
    const parsed = problems.parse(GpqaRow, row);
    if (parsed == null) return [];
    const correct = parsed["Correct Answer"].trim();
    return [
      {
        id: parsed["Record ID"].trim(),
        type: "choice" as const,
        question: parsed.Question.trim(),
        gold: correct,
        options: {
          correct,
          incorrect: [
            parsed["Incorrect Answer 1"].trim(),
            parsed["Incorrect Answer 2"].trim(),
            parsed["Incorrect Answer 3"].trim(),
          ],
        },
      },
    ];
  });
}
