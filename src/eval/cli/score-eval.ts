/**
 * `deepthink eval score [run…]`: re-grade stored samples with the current graders (no generation),
 * print the numbers, and with --out write the reports. Runs are named by a prefix of their hash
 * (`deepthink eval list` shows them); --all takes every run in the database.
 */
import { DeepthinkError } from "../../errors.js";
import { type EvalRun, EvalStore, openDatabase } from "../../store/index.js";
import type { BenchmarkReport } from "../report/benchmark-report.js";
import { writeReports } from "../report/write-reports.js";
import { scoreRun } from "../score-runs.js";
import { type EvalIo, type Grading, packageVersion } from "./eval-io.js";
import { resultLine } from "./result-lines.js";

export interface ScoreEvalOptions {
  runs: string[];
  all: boolean;
  dbPath: string;
  data?: string[];
  out?: string;
  compare?: string;
}

export async function scoreEval(options: ScoreEvalOptions, grading: Grading, io: EvalIo): Promise<number> {
  const db = openDatabase(options.dbPath);
  const store = new EvalStore(db);
  try {
    const runs = selectRuns(store, options);
    const reports: BenchmarkReport[] = [];
    let model = "";
    for (const run of runs) {
      const { report, info, regraded } = await scoreRun(run, {
        store,
        grade: grading.grade,
        graderVersion: grading.graderVersion,
        ...(options.data != null ? { data: options.data } : {}),
        context: {
          env: io.env,
          fetch: io.fetch,
          onDownload: (url) => io.stderr.write(`downloading ${url}\n`),
        },
      });
      io.stderr.write(`${info.label}: re-graded ${regraded} samples with ${grading.graderVersion}\n`);
      io.stdout.write(`${resultLine(report)}\n`);
      reports.push(report);
      model = model === "" || model === info.model ? info.model : "several models";
    }
    if (options.out != null && reports.length > 0) {
      const written = await writeReports(
        options.out,
        {
          model,
          ...(options.compare != null ? { compareWith: options.compare } : {}),
          benchmarks: reports,
          generatedAt: new Date().toISOString(),
          deepthinkVersion: packageVersion(),
        },
        (hash) => store.samples(hash),
      );
      io.stderr.write(`wrote ${written.summary}, ${written.markdown}, ${written.html}\n`);
    }
    return reports.every((r) => r.metrics.complete) ? 0 : 1;
  } finally {
    await grading.close();
    db.close();
  }
}

function selectRuns(store: EvalStore, options: ScoreEvalOptions): EvalRun[] {
  if (options.all) return store.listRuns();
  if (options.runs.length === 0) {
    throw new DeepthinkError(
      "invalid_argument",
      "Name the runs to score (a prefix of their hash), or pass --all.",
      {
        hint: "deepthink eval list shows the runs in the database",
      },
    );
  }
  return options.runs.map((prefix) => {
    const found = store.findRuns(prefix);
    if (found.length === 1) return found[0]!;
    throw new DeepthinkError(
      "invalid_argument",
      found.length === 0
        ? `No run's hash starts with '${prefix}'.`
        : `'${prefix}' matches ${found.length} runs; give more of the hash.`,
      { hint: "deepthink eval list shows the runs in the database" },
    );
  });
}
