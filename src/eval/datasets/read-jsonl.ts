import { createReadStream } from "node:fs";
import { basename } from "node:path";
import { createInterface } from "node:readline";
import { parseJsonText, type RowProblems, type SourcedRow } from "./dataset-rows.js";

/** One JSON object per line, streamed; blank lines are skipped; a bad line is recorded in `problems`. */
export async function readJsonl(path: string, problems: RowProblems): Promise<SourcedRow[]> {
  const rows: SourcedRow[] = [];
  const name = basename(path);
  const lines = createInterface({
    input: createReadStream(path, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    const where = `${name}:${line}`;
    const value = parseJsonText(text, where, problems);
    if (value !== undefined) rows.push({ where, value });
  }
  return rows;
}
