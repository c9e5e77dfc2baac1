import { DeepthinkError } from "../../errors.js";
import { detectIsolation } from "./detect-isolation.js";
import type { TestOutcome } from "./driver-events.js";
import { type DriverJob, runDriver } from "./run-driver.js";
import { type IsolationKind, resolveSandboxOptions, type SandboxOptions } from "./sandbox-options.js";
import { sharedSlotPool } from "./slot-pool.js";
import { testOutcomes } from "./test-outcomes.js";

export interface SandboxRun {
  /** One per test, in order. */
  tests: TestOutcome[];
  /** How the program was isolated: anything but "bwrap" is weaker, see docs/eval-sandbox.md. */
  isolation: IsolationKind;
  /** The program's stderr (tracebacks, stray writes to fd 1 or 2), capped at limits.maxStderrBytes. */
  stderr: string;
  stderrTruncated: boolean;
}

/**
 * Grades one program against its tests with LiveCodeBench's semantics, in a sandboxed process of its
 * own. Waits for a slot of the shared pool first. Rejects (DeepthinkError) on a malformed job, an
 * abort, or a sandbox that cannot start — never with a verdict that would count as a wrong answer.
 */
export async function runLcbJob(job: DriverJob, options: SandboxOptions = {}): Promise<SandboxRun> {
  validate(job);
  const resolved = resolveSandboxOptions(options);
  return sharedSlotPool(resolved.concurrency).run(async () => {
    if (resolved.signal?.aborted) throw new DeepthinkError("aborted", "Grading was aborted.");
    const isolation = await detectIsolation(resolved);
    const outcome = await runDriver(isolation, job, resolved);
    return {
      tests: testOutcomes(job.tests.length, outcome, job.timeoutMs),
      isolation: isolation.kind,
      stderr: outcome.stderr,
      stderrTruncated: outcome.stderrTruncated,
    };
  });
}

function validate(job: DriverJob): void {
  if (job.tests.length === 0) {
    // LiveCodeBench would call a program with no tests correct (all() of nothing); that is a data bug.
    throw new DeepthinkError("invalid_argument", "A code problem needs at least one test.", {
      param: "tests",
    });
  }
  if (job.mode === "functional" && (job.fnName == null || job.fnName === "")) {
    throw new DeepthinkError("invalid_argument", "Functional (LeetCode-style) tests need fnName.", {
      param: "fnName",
    });
  }
  if (!Number.isFinite(job.timeoutMs) || job.timeoutMs <= 0) {
    throw new DeepthinkError("invalid_argument", `timeoutMsPerTest must be positive: ${job.timeoutMs}`, {
      param: "timeoutMsPerTest",
    });
  }
}
