/** What the eval commands touch outside themselves (the CLI passes its own; tests pass theirs). */
import { readFileSync } from "node:fs";
import type { ProgressStream } from "../../cli/progress-bar.js";
import type { GradeFn } from "../runner/run-benchmark.js";

export interface EvalIo {
  stdout: ProgressStream;
  stderr: ProgressStream;
  env: Readonly<Record<string, string | undefined>>;
  fetch: typeof fetch;
}

export interface Grading {
  grade: GradeFn;
  graderVersion: string;
  close(): Promise<void>;
}

let version: string | undefined;

/** deepthink's version, read from the package as `deepthink --version` does; goes into every report. */
export function packageVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string }
  ).version;
  return version;
}
