/**
 * A benchmark name (or a custom .jsonl path) → its problems and the identity of the data they came from:
 * each file's sha256, and one combined checksum that goes into the run's hash. A local copy of the same
 * file (`--data`) has the same checksum, so it continues the same runs.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { basename, resolve } from "node:path";
import { DeepthinkError } from "../../errors.js";
import type { Problem } from "../types.js";
import { BENCHMARKS, type BenchmarkName, formatOf, isBenchmarkName } from "./benchmarks.js";
import { customProblems } from "./custom-benchmark.js";
import { RowProblems, type SourcedRow } from "./dataset-rows.js";
import { fileSha256 } from "./file-sha256.js";
import { type DatasetFetchContext, type DatasetFile, hubDatasetFile } from "./hub-dataset-file.js";
import { type DateWindow, R1_LCB_WINDOW } from "./lcb-benchmark.js";
import { readCsv } from "./read-csv.js";
import { readJsonl } from "./read-jsonl.js";
import { readParquet } from "./read-parquet.js";

export interface DatasetIdentity {
  /** `hub:HuggingFaceH4/aime_2024` or `file`. */
  source: string;
  files: Array<{ name: string; sha256: string; bytes: number }>;
  /** The files' sha256 when there is one file, else sha256 of their checksums, one per line. */
  sha256: string;
  /** Rows read, before any window filter or --limit. */
  rows: number;
}

export interface LoadedBenchmark {
  /** A public benchmark's name, or `custom`. */
  benchmark: BenchmarkName | "custom";
  /** How reports name it: the benchmark, or the custom file's name. */
  label: string;
  problems: Problem[];
  dataset: DatasetIdentity;
  /** LiveCodeBench only. */
  window?: DateWindow;
  /** Where the files are on this machine (not part of the run's identity). */
  paths: string[];
}

export interface LoadBenchmarkOptions {
  /** Local files instead of the Hub's (`--data`). */
  data?: string[];
  window?: DateWindow;
}

export async function loadBenchmark(
  nameOrPath: string,
  options: LoadBenchmarkOptions,
  context: DatasetFetchContext,
): Promise<LoadedBenchmark> {
  if (!isBenchmarkName(nameOrPath)) return loadCustom(nameOrPath, options);
  const spec = BENCHMARKS[nameOrPath];
  const files =
    options.data != null && options.data.length > 0
      ? await Promise.all(options.data.map(localFile))
      : await sequential(spec.files, (file) =>
          hubDatasetFile({ repo: spec.repo, file, gated: spec.gated }, context),
        );
  const window = spec.name === "livecodebench" ? (options.window ?? R1_LCB_WINDOW) : undefined;
  const problems = new RowProblems(files[0]?.path ?? spec.name);
  const rows = (await Promise.all(files.map((file) => readRows(file.path, problems)))).flat();
  const list = spec.toProblems(rows, problems, { window: window ?? R1_LCB_WINDOW });
  problems.throwIfAny();
  checkIds(list, spec.name);
  const loaded: LoadedBenchmark = {
    benchmark: spec.name,
    label: spec.name,
    problems: list,
    dataset: identity(
      options.data != null && options.data.length > 0 ? "file" : `hub:${spec.repo}`,
      files,
      rows,
    ),
    paths: files.map((file) => file.path),
  };
  if (window != null) loaded.window = window;
  return loaded;
}

async function loadCustom(path: string, options: LoadBenchmarkOptions): Promise<LoadedBenchmark> {
  if (formatOf(path) !== "jsonl") {
    throw new DeepthinkError(
      "invalid_argument",
      `Unknown benchmark '${path}': expected one of ${Object.keys(BENCHMARKS).join(", ")}, or a .jsonl file.`,
      { param: "benchmark" },
    );
  }
  if (options.data != null && options.data.length > 0) {
    throw new DeepthinkError(
      "invalid_argument",
      "--data replaces a public benchmark's files; a custom .jsonl needs none.",
      {
        param: "data",
      },
    );
  }
  const file = await localFile(path);
  const problems = new RowProblems(file.path);
  const rows = await readJsonl(file.path, problems);
  const list = customProblems(rows, problems);
  problems.throwIfAny();
  checkIds(list, basename(path));
  return {
    benchmark: "custom",
    label: basename(path).replace(/\.jsonl?$/i, ""),
    problems: list,
    dataset: identity("file", [file], rows),
    paths: [file.path],
  };
}

async function localFile(path: string): Promise<DatasetFile> {
  const absolute = resolve(path);
  if (!existsSync(absolute)) {
    throw new DeepthinkError("invalid_argument", `No such dataset file: ${path}.`, { param: "data" });
  }
  return { name: basename(absolute), path: absolute, ...(await fileSha256(absolute)) };
}

async function readRows(path: string, problems: RowProblems): Promise<SourcedRow[]> {
  const format = formatOf(path);
  if (format === "parquet") return readParquet(path);
  if (format === "csv") return readCsv(path, problems);
  if (format === "jsonl") return readJsonl(path, problems);
  throw new DeepthinkError(
    "invalid_argument",
    `${basename(path)}: expected a .parquet, .jsonl or .csv file.`,
    {
      param: "data",
    },
  );
}

function identity(source: string, files: DatasetFile[], rows: SourcedRow[]): DatasetIdentity {
  const sha256 =
    files.length === 1
      ? files[0]!.sha256
      : createHash("sha256")
          .update(files.map((file) => file.sha256).join("\n"))
          .digest("hex");
  return {
    source,
    files: files.map(({ name, sha256, bytes }) => ({ name, sha256, bytes })),
    sha256,
    rows: rows.length,
  };
}

function checkIds(problems: Problem[], what: string): void {
  const seen = new Set<string>();
  for (const problem of problems) {
    if (seen.has(problem.id)) {
      throw new DeepthinkError("invalid_argument", `${what}: problem id '${problem.id}' appears twice.`, {
        param: "data",
        hint: "ids must be unique: samples are stored per problem id",
      });
    }
    seen.add(problem.id);
  }
}

async function sequential<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await fn(item));
  return results;
}
