/**
 * Dataset rows with where they came from (`file:line`, or `file row N` for parquet), checked with zod.
 * Bad rows are collected and reported together, each with its place and field, instead of stopping at
 * the first or being skipped: a benchmark with a dropped row would report a different number.
 */
import { basename } from "node:path";
import type { z } from "zod";
import { DeepthinkError } from "../../errors.js";
import { parseJson } from "../json-text.js";

export interface SourcedRow {
  /** `test.jsonl:12`, `gpqa_diamond.csv:40`, `train.parquet row 3`. */
  where: string;
  value: unknown;
}

export class RowProblems {
  readonly #lines: string[] = [];
  readonly #file: string;

  constructor(file: string) {
    this.#file = file;
  }

  add(where: string, message: string): void {
    this.#lines.push(`${where}: ${message}`);
  }

  /** Parses one row; records what is wrong with it (field by field) and returns undefined then. */
  parse<T extends z.ZodType>(schema: T, row: SourcedRow): z.output<T> | undefined {
    const result = schema.safeParse(row.value);
    if (result.success) return result.data;
    for (const issue of result.error.issues.slice(0, 3)) {
      const field = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
      this.add(row.where, `${field}${issue.message}`);
    }
    return undefined;
  }

  throwIfAny(): void {
    if (this.#lines.length === 0) return;
    const shown = this.#lines.slice(0, 10).map((line) => `  ${line}`);
    if (this.#lines.length > 10) shown.push(`  … and ${this.#lines.length - 10} more`);
    throw new DeepthinkError(
      "invalid_argument",
      `${basename(this.#file)} has ${this.#lines.length} bad row(s):\n${shown.join("\n")}`,
      { param: "data", hint: "fix those rows (see docs/eval.md for the expected format)" },
    );
  }
}

/** JSON text from a dataset, parsed in one place: a syntax error names the row instead of throwing raw. */
export function parseJsonText(text: string, where: string, problems: RowProblems): unknown {
  const parsed = parseJson(text);
  if (parsed.ok) return parsed.value;
  problems.add(where, `not valid JSON (${parsed.message})`);
  return undefined;
}
