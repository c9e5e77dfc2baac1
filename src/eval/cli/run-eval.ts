/**
 * `deepthink eval run`: load the benchmarks (downloading on first use), open the model, then for each
 * benchmark generate what the store lacks with a progress line on stderr, print the results on stdout
 * and, with --out, write the reports. Exit code 0 when every benchmark is complete, 1 when samples are
 * still missing (run again to fill them in), 130 when interrupted.
 */
import { DeepthinkError } from "../../errors.js";
import { EvalStore, openDatabase } from "../../store/index.js";
import { BENCHMARKS, CUSTOM_DEFAULT_SAMPLES, isBenchmarkName } from "../datasets/benchmarks.js";
import type { DatasetFetchContext } from "../datasets/hub-dataset-file.js";
import type { DateWindow } from "../datasets/lcb-benchmark.js";
import { type LoadedBenchmark, loadBenchmark } from "../datasets/load-benchmark.js";
import { executeRuns } from "../execute-runs.js";
import type { SampleGenerator } from "../generation/sample-generator.js";
import { type PreparedRun, prepareRun, type RunSettings } from "../prepare-run.js";
import type { PromptStyle } from "../prompts/build-prompt.js";
import { writeReports } from "../report/write-reports.js";
import type { ModelIdentity } from "../run-config.js";
import { createRunProgressReporter, type RunProgressReporter } from "../runner/progress-reporter.js";
import { type EvalIo, type Grading, packageVersion } from "./eval-io.js";
import { resultLine } from "./result-lines.js";

export interface RunEvalOptions {
  benchmarks: string[];
  data?: string[];
  window?: DateWindow;
  samples?: number;
  limit?: number;
  seed: number | null;
  temperature: number;
  topP: number;
  maxTokens: number;
  promptStyle: PromptStyle;
  shuffleSeed: number;
  extraBody?: Record<string, unknown>;
  concurrency?: number;
  retries: number;
  dbPath: string;
  out?: string;
  compare?: string;
  signal?: AbortSignal;
}

export interface ModelSource {
  identity: ModelIdentity;
  /** How reports name the model. */
  label: string;
  endpoint?: string;
  generator: SampleGenerator;
  /** Requests in flight when --concurrency is not given (the engine's slots; an endpoint's default). */
  defaultConcurrency: number;
}

export async function runEval(
  options: RunEvalOptions,
  openModel: () => Promise<ModelSource>,
  grading: Grading,
  io: EvalIo,
): Promise<number> {
  const context: DatasetFetchContext = {
    env: io.env,
    fetch: io.fetch,
    onDownload: (url) => io.stderr.write(`downloading ${url}\n`),
    ...(options.signal != null ? { signal: options.signal } : {}),
  };
  // Data first: a gated or missing dataset should fail before minutes of model loading.
  if (options.benchmarks.length === 0) {
    throw new DeepthinkError("invalid_argument", "Name at least one benchmark with --benchmark.", {
      param: "benchmark",
      hint: "aime24, aime25, math500, gpqa-diamond, livecodebench, or a .jsonl file",
    });
  }
  if (options.data != null && options.data.length > 0 && options.benchmarks.length !== 1) {
    throw new DeepthinkError(
      "invalid_argument",
      "--data replaces the files of one benchmark: name exactly one.",
      {
        param: "data",
      },
    );
  }
  const loaded: LoadedBenchmark[] = [];
  for (const name of options.benchmarks) {
    loaded.push(
      await loadBenchmark(
        name,
        {
          ...(options.data != null ? { data: options.data } : {}),
          ...(options.window != null ? { window: options.window } : {}),
        },
        context,
      ),
    );
  }
  const db = openDatabase(options.dbPath);
  const store = new EvalStore(db);
  let model: ModelSource | undefined;
  try {
    model = await openModel();
    const source = model;
    const runs = loaded.map((benchmark) =>
      prepareRun(benchmark, settingsFor(options, benchmark.benchmark), {
        identity: source.identity,
        label: source.label,
        ...(source.endpoint != null ? { endpoint: source.endpoint } : {}),
      }),
    );
    let reporter: RunProgressReporter | undefined;
    const { reports, results, aborted } = await executeRuns(runs, {
      store,
      generator: source.generator,
      grade: grading.grade,
      graderVersion: grading.graderVersion,
      concurrency: options.concurrency ?? source.defaultConcurrency,
      retry: {
        attempts: options.retries + 1,
        onRetry: ({ delayMs, error }) =>
          io.stderr.write(
            `retrying in ${(delayMs / 1000).toFixed(1)}s: ${error instanceof Error ? error.message : String(error)}\n`,
          ),
      },
      ...(options.signal != null ? { signal: options.signal } : {}),
      onStart: (run) => {
        io.stderr.write(`${startLine(run, store.countSamples(run.hash))}\n`);
        reporter = createRunProgressReporter(io.stderr, run.loaded.label);
      },
      onProgress: (_run, progress) => reporter?.update(progress),
      onDone: (_run, result) => {
        reporter?.stop();
        for (const failure of result.failures.slice(0, 5)) {
          io.stderr.write(
            `  missing ${failure.problemId} #${failure.sampleIndex} after ${failure.attempts} attempt(s): ${failure.message}\n`,
          );
        }
        for (const failure of result.gradingErrors.slice(0, 5)) {
          io.stderr.write(
            `  could not grade ${failure.problemId} #${failure.sampleIndex}: ${failure.message}\n`,
          );
        }
      },
    });
    for (const report of reports) io.stdout.write(`${resultLine(report)}\n`);
    if (options.out != null && reports.length > 0) {
      const written = await writeReports(
        options.out,
        {
          model: source.label,
          ...(options.compare != null ? { compareWith: options.compare } : {}),
          benchmarks: reports,
          generatedAt: new Date().toISOString(),
          deepthinkVersion: packageVersion(),
        },
        (hash) => store.samples(hash),
      );
      io.stderr.write(`wrote ${written.summary}, ${written.markdown}, ${written.html}\n`);
    }
    if (aborted) {
      io.stderr.write("stopped; what was generated is stored: run the same command again to continue.\n");
      return 130;
    }
    const missing = reports.reduce((sum, r) => sum + (r.metrics.expectedSamples - r.metrics.samples), 0);
    if (missing > 0 || results.some((r) => r.failures.length > 0)) {
      io.stderr.write(
        `${missing} sample(s) still missing or ungraded: run the same command again to fill them in.\n`,
      );
      return 1;
    }
    return 0;
  } finally {
    await model?.generator.close();
    await grading.close();
    db.close();
  }
}

function settingsFor(options: RunEvalOptions, benchmark: string): RunSettings {
  const samples =
    options.samples ??
    (isBenchmarkName(benchmark) ? BENCHMARKS[benchmark].defaultSamples : CUSTOM_DEFAULT_SAMPLES);
  return {
    samples,
    seed: options.seed,
    temperature: options.temperature,
    topP: options.topP,
    maxTokens: options.maxTokens,
    promptStyle: options.promptStyle,
    shuffleSeed: options.shuffleSeed,
    ...(options.limit != null ? { limit: options.limit } : {}),
    ...(options.extraBody != null ? { extraBody: options.extraBody } : {}),
  };
}

function startLine(run: PreparedRun, stored: number): string {
  const k = run.config.samples;
  const window =
    run.loaded.window != null ? `, contest dates ${run.loaded.window.from}..${run.loaded.window.to}` : "";
  return (
    `${run.loaded.label}: run ${run.hash.slice(0, 12)}, ${run.problems.length} problems × ${k} samples${window} ` +
    `(dataset sha256 ${run.loaded.dataset.sha256.slice(0, 12)}…, ${stored} samples already stored)`
  );
}
