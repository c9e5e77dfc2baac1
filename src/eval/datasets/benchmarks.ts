/**
 * The public benchmarks of the R1 distill table: where their data lives, how to read it, and how many
 * samples per problem the R1 paper (v2, appendix D.1) uses by default: 64 for AIME and GPQA, 16 for
 * MATH-500, 8 for LiveCodeBench.
 */
import type { Problem } from "../types.js";
import type { RowProblems, SourcedRow } from "./dataset-rows.js";
import { gpqaProblems } from "./gpqa-benchmark.js";
import { type DateWindow, lcbProblems, R1_LCB_FILES } from "./lcb-benchmark.js";
import { aimeProblems, math500Problems } from "./math-benchmarks.js";

export const BENCHMARK_NAMES = ["aime24", "aime25", "math500", "gpqa-diamond", "livecodebench"] as const;
export type BenchmarkName = (typeof BENCHMARK_NAMES)[number];

export type FileFormat = "parquet" | "jsonl" | "csv";

export interface BenchmarkSpec {
  name: BenchmarkName;
  /** As the README's table heads it. */
  title: string;
  repo: string;
  files: readonly string[];
  gated: boolean;
  defaultSamples: number;
  toProblems(rows: SourcedRow[], problems: RowProblems, options: { window: DateWindow }): Problem[];
}

export const BENCHMARKS: Readonly<Record<BenchmarkName, BenchmarkSpec>> = {
  aime24: {
    name: "aime24",
    title: "AIME 2024",
    repo: "HuggingFaceH4/aime_2024",
    files: ["data/train-00000-of-00001.parquet"],
    gated: false,
    defaultSamples: 64,
    toProblems: (rows, problems) => aimeProblems(rows, problems),
  },
  aime25: {
    name: "aime25",
    title: "AIME 2025",
    repo: "yentinglin/aime_2025",
    files: ["data/train-00000-of-00001-243207c6c994e1bd.parquet"],
    gated: false,
    defaultSamples: 64,
    toProblems: (rows, problems) => aimeProblems(rows, problems),
  },
  math500: {
    name: "math500",
    title: "MATH-500",
    repo: "HuggingFaceH4/MATH-500",
    files: ["test.jsonl"],
    gated: false,
    defaultSamples: 16,
    toProblems: (rows, problems) => math500Problems(rows, problems),
  },
  "gpqa-diamond": {
    name: "gpqa-diamond",
    title: "GPQA Diamond",
    repo: "Idavidrein/gpqa",
    files: ["gpqa_diamond.csv"],
    gated: true,
    defaultSamples: 64,
    toProblems: (rows, problems) => gpqaProblems(rows, problems),
  },
  livecodebench: {
    name: "livecodebench",
    title: "LiveCodeBench",
    repo: "livecodebench/code_generation_lite",
    files: R1_LCB_FILES,
    gated: false,
    defaultSamples: 8,
    toProblems: (rows, problems, options) => lcbProblems(rows, problems, options.window),
  },
};

/** Custom JSONL files get one sample per problem unless told otherwise. */
export const CUSTOM_DEFAULT_SAMPLES = 1;

export function isBenchmarkName(value: string): value is BenchmarkName {
  return (BENCHMARK_NAMES as readonly string[]).includes(value);
}

export function formatOf(path: string): FileFormat | undefined {
  const lower = path.toLowerCase();
  if (lower.endsWith(".parquet")) return "parquet";
  if (lower.endsWith(".jsonl") || lower.endsWith(".json")) return "jsonl";
  if (lower.endsWith(".csv")) return "csv";
  return undefined;
}
