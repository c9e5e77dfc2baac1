/**
 * `--out DIR`: summary.json, results.md and report.html, each written to a temporary name and renamed,
 * so a reader (or a killed run) never sees half a file.
 */
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { GradedSample } from "../../store/index.js";
import type { EvalReport } from "./benchmark-report.js";
import { htmlReport } from "./html-report.js";
import { markdownReport } from "./markdown-report.js";
import { summaryJson } from "./summary-json.js";

export interface WrittenReports {
  summary: string;
  markdown: string;
  html: string;
}

export async function writeReports(
  dir: string,
  report: EvalReport,
  samplesOf: (runHash: string) => GradedSample[],
): Promise<WrittenReports> {
  await mkdir(dir, { recursive: true });
  const written: WrittenReports = {
    summary: join(dir, "summary.json"),
    markdown: join(dir, "results.md"),
    html: join(dir, "report.html"),
  };
  await atomicWrite(written.summary, `${JSON.stringify(summaryJson(report), null, 2)}\n`);
  await atomicWrite(written.markdown, markdownReport(report));
  await atomicWrite(written.html, htmlReport(report, samplesOf));
  return written;
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const temporary = `${path}.tmp-${process.pid}`;
  await writeFile(temporary, text, "utf8");
  await rename(temporary, path);
}
