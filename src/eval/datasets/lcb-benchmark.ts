/**
 * LiveCodeBench code generation (livecodebench/code_generation_lite). Releases are cumulative files
 * (test.jsonl … test6.jsonl); the R1 paper's window, August 2024 to January 2025, lies in test4.jsonl and
 * test5.jsonl, filtered by `contest_date` (both ends inclusive, by calendar day, as LCB's own filter).
 * Tests are public + private; private ones are base64(zlib(pickle(JSON))) in recent releases.
 */
import { z } from "zod";
import type { CodeTest, Problem } from "../types.js";
import { parseJsonText, type RowProblems, type SourcedRow } from "./dataset-rows.js";
import { nonEmptyText } from "./row-schemas.js";
import { decodeLcbTests } from "./unpickle-string.js";

export interface DateWindow {
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
}

export const R1_LCB_WINDOW: DateWindow = { from: "2024-08-01", to: "2025-01-31" };
export const R1_LCB_FILES = ["test4.jsonl", "test5.jsonl"];

const LcbRow = z.object({
  question_id: nonEmptyText,
  question_content: nonEmptyText,
  contest_date: z.string().regex(/^\d{4}-\d{2}-\d{2}/, "expected a date (YYYY-MM-DD…)"),
  starter_code: z.string().nullish(),
  public_test_cases: z.string(),
  private_test_cases: z.string(),
  metadata: z.string().nullish(),
});

const Tests = z.array(
  z.object({ input: z.string(), output: z.string(), testtype: z.enum(["stdin", "functional"]) }),
);
const Metadata = z.object({ func_name: z.string().nullish() }).loose();

export function lcbProblems(rows: SourcedRow[], problems: RowProblems, window: DateWindow): Problem[] {
  return rows.flatMap((row): Problem[] => {
    const parsed = problems.parse(LcbRow, row);
    if (parsed == null) return [];
    const day = parsed.contest_date.slice(0, 10);
    if (day < window.from || day > window.to) return [];
    const publicTests = problems.parse(Tests, {
      where: `${row.where} public_test_cases`,
      value: parseJsonText(parsed.public_test_cases, row.where, problems),
    });
    let privateText: string;
    try {
      privateText = decodeLcbTests(parsed.private_test_cases);
    } catch (error) {
      problems.add(
        row.where,
        `private_test_cases: ${error instanceof Error ? error.message : String(error)}`,
      );
      return [];
    }
    const privateTests = problems.parse(Tests, {
      where: `${row.where} private_test_cases`,
      value: parseJsonText(privateText, row.where, problems),
    });
    const metadata =
      parsed.metadata != null && parsed.metadata.trim() !== ""
        ? problems.parse(Metadata, {
            where: row.where,
            value: parseJsonText(parsed.metadata, row.where, problems),
          })
        : undefined;
    if (publicTests == null || privateTests == null) return [];
    const tests: CodeTest[] = [...publicTests, ...privateTests];
    const problem: Problem = {
      id: parsed.question_id,
      type: "code",
      question: parsed.question_content,
      gold: `${tests.length} tests`,
      tests,
    };
    if (metadata?.func_name != null && metadata.func_name !== "") problem.fnName = metadata.func_name;
    if (parsed.starter_code != null && parsed.starter_code !== "") problem.starterCode = parsed.starter_code;
    return [problem];
  });
}

/** `2024-08-01..2025-01-31`. */
export function parseDateWindow(text: string): DateWindow | undefined {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  if (match == null || match[1]! > match[2]!) return undefined;
  return { from: match[1]!, to: match[2]! };
}
