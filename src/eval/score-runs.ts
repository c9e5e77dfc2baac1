/**
 * `eval score`: grade a run's stored samples again with today's graders, without generating anything.
 * The dataset is read again (the run's own files, or `--data`) and must have the checksum the run
 * recorded; the new verdicts are appended, the old ones kept, and the newest counts.
 */
import { z } from "zod";
import { DeepthinkError } from "../errors.js";
import type { EvalRun, EvalStore, VerdictInput } from "../store/index.js";
import type { DatasetFetchContext } from "./datasets/hub-dataset-file.js";
import { loadBenchmark } from "./datasets/load-benchmark.js";
import { reportOf } from "./execute-runs.js";
import type { PreparedRun, RunInfo } from "./prepare-run.js";
import type { BenchmarkReport } from "./report/benchmark-report.js";
import { HARNESS_VERSION, type RunConfig } from "./run-config.js";
import type { GradeFn } from "./runner/run-benchmark.js";

const StoredInfo = z
  .object({
    label: z.string(),
    model: z.string(),
    dataPaths: z.array(z.string()),
    dataSource: z.string(),
    endpoint: z.string().optional(),
  })
  .loose();

export interface ScoreOptions {
  store: EvalStore;
  grade: GradeFn;
  graderVersion: string;
  /** Replaces the run's dataset files (they moved, or this is another machine). */
  data?: string[];
  context: DatasetFetchContext;
  onProgress?: (run: EvalRun, graded: number, total: number) => void;
}

export async function scoreRun(
  run: EvalRun,
  options: ScoreOptions,
): Promise<{ report: BenchmarkReport; info: RunInfo; regraded: number }> {
  const config = run.config as RunConfig;
  if (config.harness !== HARNESS_VERSION) {
    throw new DeepthinkError(
      "invalid_argument",
      `Run ${run.hash.slice(0, 12)} was made by another harness version (${config.harness}).`,
    );
  }
  const info = StoredInfo.parse(run.info) as RunInfo;
  const fromFile = info.dataSource === "file";
  const data = options.data ?? (fromFile && config.benchmark !== "custom" ? info.dataPaths : undefined);
  const loaded = await loadBenchmark(
    config.benchmark === "custom" ? (options.data?.[0] ?? info.dataPaths[0] ?? "") : config.benchmark,
    {
      ...(data != null && config.benchmark !== "custom" ? { data } : {}),
      ...(config.window != null ? { window: config.window } : {}),
    },
    options.context,
  );
  if (loaded.dataset.sha256 !== config.dataset.sha256) {
    throw new DeepthinkError(
      "checksum_mismatch",
      `The dataset of run ${run.hash.slice(0, 12)} (${info.label}) has changed: sha256 ${loaded.dataset.sha256.slice(0, 12)}…, the run used ${config.dataset.sha256.slice(0, 12)}….`,
      { hint: "pass the run's original file with --data" },
    );
  }
  const stored = new Set(options.store.problems(run.hash).map((p) => p.problemId));
  const problems = loaded.problems.filter((p) => stored.has(p.id));
  const byId = new Map(problems.map((p) => [p.id, p]));
  const samples = options.store.summaries(run.hash).filter((s) => byId.has(s.problemId));
  const verdicts: VerdictInput[] = [];
  for (const sample of samples) {
    // One text at a time: a long run's reasoning does not fit in memory all at once.
    const content = options.store.sample(sample.id)?.content ?? "";
    const verdict = await options.grade(byId.get(sample.problemId)!, {
      content,
      choiceOrder: sample.choiceOrder,
    });
    verdicts.push({
      sampleId: sample.id,
      graderVersion: options.graderVersion,
      correct: verdict.correct,
      extracted: verdict.extracted,
      detail: verdict.detail ?? null,
    });
    options.onProgress?.(run, verdicts.length, samples.length);
  }
  options.store.insertVerdicts(verdicts);
  const prepared: PreparedRun = {
    loaded: { ...loaded, label: info.label },
    problems,
    config,
    hash: run.hash,
    info,
  };
  return { report: reportOf(prepared, options.store, 0), info, regraded: verdicts.length };
}
