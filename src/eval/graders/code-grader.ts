import { DeepthinkError } from "../../errors.js";
import {
  type IsolationKind,
  runLcbJob,
  type SandboxOptions,
  type SandboxRun,
  type TestOutcome,
} from "../sandbox/index.js";
import type { CodeTest } from "../types.js";
import { extractCode } from "./code-extract.js";
import type { GradeResult } from "./grade-result.js";

export type { CodeTest };

export interface CodeGradeInput {
  /** The model's response; reasoning (up to the last `</think>`) is stripped before extraction. */
  response: string;
  /** Public and private tests together, in order. Their `testtype` decides stdin or functional grading. */
  tests: CodeTest[];
  /** Functional tests: the method of `class Solution` (or top-level function) to call. */
  fnName?: string;
  /** LiveCodeBench's per-test limit; default 6,000 ms. */
  timeoutMsPerTest?: number;
}

export type CodeGradeResult = GradeResult & {
  tests: TestOutcome[];
  /** How the program ran; null when there was no program to run. */
  isolation: IsolationKind | null;
};

/** LiveCodeBench's `--timeout` default, per test case. */
export const LCB_TIMEOUT_MS = 6000;

/**
 * LiveCodeBench grading of one response: the last fenced block of the answer is run against every test
 * in a sandbox, stopping at the first failure; correct iff every test passes. Rejects (DeepthinkError)
 * when the input is malformed or no sandbox can run, rather than scoring a wrong answer.
 */
export async function gradeCode(input: CodeGradeInput, options?: SandboxOptions): Promise<CodeGradeResult> {
  const mode = problemMode(input);
  const code = extractCode(input.response);
  if (code == null) {
    const tests = input.tests.map((): TestOutcome => ({ verdict: "not-run", ms: 0 }));
    return {
      correct: false,
      extracted: null,
      detail: "no fenced code block in the answer",
      tests,
      isolation: null,
    };
  }
  const run = await runLcbJob(
    {
      code,
      mode,
      tests: input.tests,
      fnName: mode === "functional" ? input.fnName : undefined,
      timeoutMs: input.timeoutMsPerTest ?? LCB_TIMEOUT_MS,
    },
    options,
  );
  const correct = run.tests.every((t) => t.verdict === "pass");
  return { correct, extracted: code, detail: describe(run), tests: run.tests, isolation: run.isolation };
}

/** Checked before extraction, so a malformed problem is rejected whatever the response holds. */
function problemMode({ tests, fnName }: CodeGradeInput): "stdin" | "functional" {
  const first = tests[0];
  if (first == null)
    throw new DeepthinkError("invalid_argument", "A code problem needs at least one test.", {
      param: "tests",
    });
  const other = tests.findIndex((t) => t.testtype !== first.testtype);
  if (other >= 0) {
    throw new DeepthinkError(
      "invalid_argument",
      `tests mix "${first.testtype}" and "${tests[other]?.testtype}".`,
      {
        param: `tests[${other}].testtype`,
      },
    );
  }
  if (first.testtype === "functional" && (fnName == null || fnName === "")) {
    throw new DeepthinkError("invalid_argument", "Functional (LeetCode-style) tests need fnName.", {
      param: "fnName",
    });
  }
  return first.testtype;
}

const WEAK_ISOLATION: Record<IsolationKind, string> = {
  bwrap: "",
  "unshare-net": "PARTIAL SANDBOX (unshare-net: no network, but the filesystem is writable) — ",
  none: "UNSANDBOXED (rlimits only: network and filesystem open) — ",
};

/** One line for the per-sample viewer: the first failure, or the pass count; weak isolation up front. */
function describe(run: SandboxRun): string {
  const n = run.tests.length;
  const failed = run.tests.findIndex((t) => t.verdict !== "pass");
  const failure = run.tests[failed];
  const what =
    failure == null
      ? `passed ${n === 1 ? "the one test" : `all ${n} tests`}`
      : `${failure.verdict} on test ${failed + 1} of ${n}${failure.detail != null ? `: ${failure.detail}` : ""}`;
  return WEAK_ISOLATION[run.isolation] + what;
}
