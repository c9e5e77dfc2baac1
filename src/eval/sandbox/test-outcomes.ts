import { DeepthinkError } from "../../errors.js";
import type { TestOutcome } from "./driver-events.js";
import type { ProcessOutcome } from "./sandbox-process.js";

/**
 * One outcome per test from what the driver reported and how its process ended. The driver decides
 * every test it finishes; a test it never finished was killed (watchdog → timeout) or crashed the
 * interpreter (segfault, abort → runtime error, CPU rlimit → timeout). After the first failure every
 * test is `not-run`, as LiveCodeBench stops there too.
 *
 * Throws instead of grading when the fault is not the program's: the sandbox never started, the caller
 * aborted, or the tests themselves are malformed. Those must not be counted as wrong answers.
 */
export function testOutcomes(testCount: number, outcome: ProcessOutcome, timeoutMs: number): TestOutcome[] {
  if (outcome.killedBy === "abort") throw new DeepthinkError("aborted", "Grading was aborted.");
  const results = new Map<number, TestOutcome>();
  let ready = false;
  let done = false;
  for (const event of outcome.events) {
    if (event.e === "ready") ready = true;
    else if (event.e === "done") done = true;
    else if (event.e === "bad-tests") {
      throw new DeepthinkError(
        "invalid_argument",
        `A test's input or output is not valid JSON: ${event.detail}`,
        {
          param: "tests",
        },
      );
    } else if (event.e === "result") {
      const ms = Math.round(event.ms);
      results.set(
        event.i,
        event.detail != null
          ? { verdict: event.verdict, ms, detail: event.detail }
          : { verdict: event.verdict, ms },
      );
    }
  }
  if (!ready) {
    throw new DeepthinkError(
      "internal",
      `The sandbox did not start (${ended(outcome)}): ${tail(outcome.stderr)}`,
    );
  }
  const tests: TestOutcome[] = [];
  let stopped = false;
  for (let i = 0; i < testCount; i++) {
    const result = results.get(i);
    if (stopped) tests.push({ verdict: "not-run", ms: 0 });
    else if (result != null) tests.push(result);
    else
      tests.push(
        done
          ? { verdict: "runtime-error", ms: 0, detail: "the driver reported no result" }
          : unfinished(outcome, timeoutMs),
      );
    stopped ||= tests[i]?.verdict !== "pass";
  }
  return tests;
}

function unfinished(outcome: ProcessOutcome, timeoutMs: number): TestOutcome {
  const ms = Math.round(outcome.sinceLastEventMs);
  if (outcome.killedBy === "watchdog") {
    const detail = `Time Limit Exceeded: killed after ${ms} ms; the program did not stop at the ${timeoutMs / 1000} s alarm`;
    return { verdict: "timeout", ms, detail };
  }
  if (outcome.exitSignal === "SIGXCPU")
    return { verdict: "timeout", ms, detail: "Time Limit Exceeded: CPU time limit" };
  return {
    verdict: "runtime-error",
    ms,
    detail: `Runtime Error: the process died (${ended(outcome)}): ${tail(outcome.stderr)}`,
  };
}

function ended(outcome: ProcessOutcome): string {
  return outcome.exitSignal ?? `exit code ${outcome.exitCode}`;
}

function tail(text: string, length = 300): string {
  const trimmed = text.trim();
  return trimmed.length <= length ? trimmed : `…${trimmed.slice(-length)}`;
}
