/**
 * RFC 4180 CSV (GPQA's format): quoted fields may hold commas, doubled quotes and newlines. Each record
 * becomes an object keyed by the header row, placed at the line where the record starts.
 */
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { RowProblems, SourcedRow } from "./dataset-rows.js";

export async function readCsv(path: string, problems: RowProblems): Promise<SourcedRow[]> {
  const name = basename(path);
  const records = parseCsv((await readFile(path, "utf8")).replace(/^\uFEFF/, ""));
  const header = records.shift();
  if (header == null) return [];
  const rows: SourcedRow[] = [];
  for (const record of records) {
    const where = `${name}:${record.line}`;
    if (record.fields.length === 1 && record.fields[0] === "") continue;
    if (record.fields.length !== header.fields.length) {
      problems.add(where, `has ${record.fields.length} fields; the header has ${header.fields.length}`);
      continue;
    }
    rows.push({ where, value: Object.fromEntries(header.fields.map((key, i) => [key, record.fields[i]])) });
  }
  return rows;
}

export function parseCsv(text: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        if (c === "\n") line++;
        field += c;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
    } else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: recordLine, fields });
      fields = [];
      field = "";
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (field !== "" || fields.length > 0) {
    fields.push(field);
    records.push({ line: recordLine, fields });
  }
  return records;
}
