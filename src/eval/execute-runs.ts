/**
 * Several benchmarks in one invocation, one after another on the same model: record each run, generate
 * what is missing, then read its numbers back from the store (so they cover every stored sample, this
 * session's and earlier ones alike).
 */
import type { EvalStore } from "../store/index.js";
import type { RetryOptions } from "./generation/retry.js";
import type { SampleGenerator } from "./generation/sample-generator.js";
import { benchmarkMetrics } from "./metrics/benchmark-metrics.js";
import type { PreparedRun } from "./prepare-run.js";
import type { BenchmarkReport } from "./report/benchmark-report.js";
import {
  type GradeFn,
  type RunBenchmarkResult,
  type RunProgress,
  runBenchmark,
} from "./runner/run-benchmark.js";

export interface ExecuteOptions {
  store: EvalStore;
  generator: SampleGenerator;
  grade: GradeFn;
  graderVersion: string;
  concurrency: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
  onStart?: (run: PreparedRun) => void;
  onProgress?: (run: PreparedRun, progress: RunProgress) => void;
  onDone?: (run: PreparedRun, result: RunBenchmarkResult, report: BenchmarkReport) => void;
}

export async function executeRuns(
  runs: readonly PreparedRun[],
  options: ExecuteOptions,
): Promise<{
  reports: BenchmarkReport[];
  results: RunBenchmarkResult[];
  aborted: boolean;
}> {
  const reports: BenchmarkReport[] = [];
  const results: RunBenchmarkResult[] = [];
  for (const run of runs) {
    if (options.signal?.aborted === true) return { reports, results, aborted: true };
    options.store.saveRun(
      {
        hash: run.hash,
        benchmark: run.config.benchmark,
        label: run.loaded.label,
        config: run.config,
        info: run.info,
      },
      // The problems asked for so far (`--limit` asks for fewer): what `eval score` covers later.
      run.problems.map((p) => ({
        problemId: p.id,
        position: positionOf(run, p.id),
        type: p.type,
        gold: p.gold,
      })),
    );
    options.onStart?.(run);
    const result = await runBenchmark({
      store: options.store,
      runHash: run.hash,
      problems: run.problems,
      samples: run.config.samples,
      prompt: { style: run.config.prompt.style, shuffleSeed: run.config.prompt.shuffleSeed ?? 0 },
      sampling: run.config.sampling,
      maxTokens: run.config.maxTokens,
      generator: options.generator,
      grade: options.grade,
      graderVersion: options.graderVersion,
      concurrency: options.concurrency,
      ...(options.retry != null ? { retry: options.retry } : {}),
      ...(options.signal != null ? { signal: options.signal } : {}),
      ...(options.onProgress != null ? { onProgress: (p: RunProgress) => options.onProgress!(run, p) } : {}),
    });
    const report = reportOf(run, options.store, result.failures.length);
    reports.push(report);
    results.push(result);
    options.onDone?.(run, result, report);
    if (result.aborted) return { reports, results, aborted: true };
  }
  return { reports, results, aborted: false };
}

export function reportOf(run: PreparedRun, store: EvalStore, failedSamples: number): BenchmarkReport {
  const metrics = benchmarkMetrics(
    run.problems.map((p) => ({ problemId: p.id, type: p.type })),
    store.summaries(run.hash),
    run.config.samples,
  );
  return {
    benchmark: run.config.benchmark,
    label: run.loaded.label,
    runHash: run.hash,
    config: run.config,
    dataset: run.loaded.dataset,
    metrics,
    failedSamples,
  };
}

function positionOf(run: PreparedRun, problemId: string): number {
  return run.loaded.problems.findIndex((p) => p.id === problemId);
}
