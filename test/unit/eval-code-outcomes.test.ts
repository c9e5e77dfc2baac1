import assert from "node:assert/strict";
import { test } from "node:test";
import { isDeepthinkError } from "../../src/errors.js";
import { type DriverEvent, parseDriverLine } from "../../src/eval/sandbox/driver-events.js";
import type { ProcessOutcome } from "../../src/eval/sandbox/sandbox-process.js";
import { testOutcomes } from "../../src/eval/sandbox/test-outcomes.js";

const ended = (events: DriverEvent[], more: Partial<ProcessOutcome> = {}): ProcessOutcome => ({
  events,
  exitCode: 0,
  exitSignal: null,
  killedBy: null,
  sinceLastEventMs: 1234.4,
  stderr: "",
  stderrTruncated: false,
  ...more,
});
const pass = (i: number): DriverEvent => ({ e: "result", i, verdict: "pass", ms: 1.6, detail: null });
const verdicts = (outcome: ProcessOutcome, n = 3) => testOutcomes(n, outcome, 6000).map((t) => t.verdict);

test("the driver's results in order; after the first failure, not-run", () => {
  const wrong: DriverEvent = {
    e: "result",
    i: 1,
    verdict: "wrong",
    ms: 3,
    detail: "Wrong answer at line 0: 1 != 2",
  };
  const tests = testOutcomes(
    3,
    ended([{ e: "ready" }, { e: "compile" }, pass(0), wrong, { e: "done" }]),
    6000,
  );
  assert.deepEqual(tests, [
    { verdict: "pass", ms: 2 },
    { verdict: "wrong", ms: 3, detail: "Wrong answer at line 0: 1 != 2" },
    { verdict: "not-run", ms: 0 },
  ]);
});

test("a test the watchdog killed is a timeout; one whose process died is a runtime error", () => {
  const running: DriverEvent[] = [{ e: "ready" }, { e: "compile" }, pass(0), { e: "start", i: 1 }];
  assert.deepEqual(verdicts(ended(running, { killedBy: "watchdog", exitSignal: "SIGKILL" })), [
    "pass",
    "timeout",
    "not-run",
  ]);
  assert.deepEqual(verdicts(ended(running, { exitSignal: "SIGXCPU" })), ["pass", "timeout", "not-run"]);
  const crashed = testOutcomes(
    3,
    ended(running, { exitSignal: "SIGSEGV", stderr: "Fatal Python error" }),
    6000,
  );
  assert.equal(crashed[1]?.verdict, "runtime-error");
  assert.match(crashed[1]?.detail ?? "", /SIGSEGV.*Fatal Python error/);
  assert.equal(crashed[1]?.ms, 1234);
  // Killed while compiling: the first test carries it.
  assert.deepEqual(verdicts(ended([{ e: "ready" }, { e: "compile" }], { killedBy: "watchdog" })), [
    "timeout",
    "not-run",
    "not-run",
  ]);
});

test("faults that are not the program's throw instead of grading", () => {
  const code = (fn: () => unknown, expected: string) =>
    assert.throws(fn, (error) => isDeepthinkError(error) && error.code === expected);
  code(() => testOutcomes(1, ended([], { exitCode: 127, stderr: "python3: not found" }), 6000), "internal");
  code(() => testOutcomes(1, ended([{ e: "ready" }], { killedBy: "abort" }), 6000), "aborted");
  code(
    () =>
      testOutcomes(
        1,
        ended([{ e: "ready" }, { e: "bad-tests", detail: "JSONDecodeError" }, { e: "done" }]),
        6000,
      ),
    "invalid_argument",
  );
});

test("only lines with the job's nonce and a known shape are events", () => {
  assert.deepEqual(parseDriverLine('N:{"e":"start","i":2}', "N:"), { e: "start", i: 2 });
  assert.equal(parseDriverLine('{"e":"done"}', "N:"), null);
  assert.equal(parseDriverLine("N:{not json", "N:"), null);
  assert.equal(parseDriverLine('N:{"e":"result","i":0,"verdict":"great","ms":1}', "N:"), null);
});
