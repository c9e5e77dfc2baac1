/**
 * A loaded benchmark plus the run's settings → the run's configuration and hash, and the problems this
 * invocation covers (`--limit` takes the first N; it is not part of the run, so a later run without it
 * continues the same samples).
 */
import type { LoadedBenchmark } from "./datasets/load-benchmark.js";
import type { PromptStyle } from "./prompts/build-prompt.js";
import { PROMPT_VERSION } from "./prompts/templates.js";
import { HARNESS_VERSION, hashRunConfig, type ModelIdentity, type RunConfig } from "./run-config.js";
import type { Problem } from "./types.js";

export interface RunSettings {
  /** Samples per problem; the benchmark's default when absent. */
  samples: number;
  limit?: number;
  seed: number | null;
  temperature: number;
  topP: number;
  maxTokens: number;
  promptStyle: PromptStyle;
  /** Seeds the per-sample option shuffles of multiple-choice problems. */
  shuffleSeed: number;
  extraBody?: Record<string, unknown>;
}

/** Facts about a run that are not part of its identity, kept beside it for `eval score` and reports. */
export interface RunInfo {
  label: string;
  /** The model as reports name it. */
  model: string;
  /** Where the dataset files were read (for `eval score`, which reads them again). */
  dataPaths: string[];
  dataSource: string;
  endpoint?: string;
}

export interface PreparedRun {
  loaded: LoadedBenchmark;
  problems: Problem[];
  config: RunConfig;
  hash: string;
  info: RunInfo;
}

export function prepareRun(
  loaded: LoadedBenchmark,
  settings: RunSettings,
  model: { identity: ModelIdentity; label: string; endpoint?: string },
): PreparedRun {
  const hasChoice = loaded.problems.some((p) => p.type === "choice" && p.options != null);
  const config: RunConfig = {
    harness: HARNESS_VERSION,
    benchmark: loaded.benchmark,
    dataset: { sha256: loaded.dataset.sha256 },
    model: model.identity,
    prompt: {
      style: settings.promptStyle,
      version: PROMPT_VERSION,
      ...(hasChoice ? { shuffleSeed: settings.shuffleSeed } : {}),
    },
    thinking: "forced",
    sampling: { temperature: settings.temperature, topP: settings.topP, seed: settings.seed },
    maxTokens: settings.maxTokens,
    samples: settings.samples,
  };
  if (loaded.window != null) config.window = loaded.window;
  if (settings.extraBody != null && Object.keys(settings.extraBody).length > 0)
    config.extraBody = settings.extraBody;
  const info: RunInfo = {
    label: loaded.label,
    model: model.label,
    dataPaths: loaded.paths,
    dataSource: loaded.dataset.source,
    ...(model.endpoint != null ? { endpoint: model.endpoint } : {}),
  };
  const problems = settings.limit != null ? loaded.problems.slice(0, settings.limit) : loaded.problems;
  return { loaded, problems, config, hash: hashRunConfig(config), info };
}
