/** What the reports know about one benchmark's run: its identity, data, configuration and numbers. */
import type { DatasetIdentity } from "../datasets/load-benchmark.js";
import type { BenchmarkMetrics } from "../metrics/benchmark-metrics.js";
import type { RunConfig } from "../run-config.js";

export interface BenchmarkReport {
  /** A public benchmark's name, or `custom`. */
  benchmark: string;
  label: string;
  runHash: string;
  config: RunConfig;
  dataset: DatasetIdentity;
  metrics: BenchmarkMetrics;
  /** Samples that failed in this invocation (upstream errors after every retry); still missing. */
  failedSamples: number;
}

export interface EvalReport {
  /** How the model is named in reports: the GGUF file or the endpoint's model name. */
  model: string;
  /** The published row compared against (README), when the model is one of them. */
  compareWith?: string;
  benchmarks: BenchmarkReport[];
  generatedAt: string;
  deepthinkVersion: string;
}
