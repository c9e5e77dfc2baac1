import assert from "node:assert/strict";
import { test } from "node:test";
import { answerKey } from "../../src/eval/metrics/answer-key.js";
import { benchmarkMetrics } from "../../src/eval/metrics/benchmark-metrics.js";
import { majorityVote } from "../../src/eval/metrics/majority-vote.js";
import { passAtK, reportedKs } from "../../src/eval/metrics/pass-at-k.js";
import { distribution } from "../../src/eval/metrics/summary-stats.js";
import type { GradedSample } from "../../src/store/index.js";

function binomial(n: number, k: number): number {
  let result = 1;
  for (let i = 1; i <= k; i++) result = (result * (n - k + i)) / i;
  return result;
}

test("pass@k: the unbiased estimator, 1 − C(n−c,k)/C(n,k); pass@1 is c/n", () => {
  for (const [n, c, k] of [
    [10, 3, 1],
    [10, 3, 2],
    [10, 3, 5],
    [64, 20, 8],
    [16, 0, 4],
    [16, 16, 4],
  ] as const) {
    const exact = 1 - binomial(n - c, k) / binomial(n, k);
    assert.ok(Math.abs(passAtK(n, c, k) - exact) < 1e-12, `n=${n} c=${c} k=${k}`);
  }
  assert.equal(passAtK(64, 16, 1), 0.25);
  assert.equal(passAtK(10, 8, 3), 1, "fewer than k wrong samples: every k-subset has a correct one");
  assert.throws(() => passAtK(4, 5, 1), RangeError);
  assert.throws(() => passAtK(4, 2, 5), RangeError);
  assert.deepEqual(reportedKs(64), [1, 2, 4, 8, 16, 32, 64]);
  assert.deepEqual(reportedKs(3), [1, 2, 3]);
});

test("cons@k tie rule: among answers with the top count, the earliest-sampled wins", () => {
  const votes = [
    { sampleIndex: 2, key: "5", correct: true },
    { sampleIndex: 0, key: "4", correct: false },
    { sampleIndex: 1, key: "5", correct: true },
    { sampleIndex: 3, key: "4", correct: false },
    { sampleIndex: 4, key: null, correct: false },
  ];
  assert.deepEqual(majorityVote(votes), { key: "4", correct: false, tied: 2, fractional: 0.5 });
  assert.deepEqual(majorityVote([...votes, { sampleIndex: 5, key: "5", correct: true }]), {
    key: "5",
    correct: true,
    tied: 1,
    fractional: 1,
  });
  assert.deepEqual(majorityVote([{ sampleIndex: 0, key: null, correct: false }]), {
    key: null,
    correct: false,
    tied: 0,
    fractional: 0,
  });
});

test("answer keys: integers canonical, LaTeX normalised, choice letters mapped through the sample's order", () => {
  assert.equal(answerKey("integer", "033", null), "33");
  assert.equal(answerKey("integer", "1,000", null), "1000");
  assert.equal(answerKey("math", "\\dfrac{1}{2}", null), answerKey("math", "$\\frac{1}{2}$", null));
  assert.equal(answerKey("math", "  ", null), null);
  // Sample 1 shows the correct option (0) at B, sample 2 at D: both vote for option 0.
  assert.equal(answerKey("choice", "B", [2, 0, 1, 3]), "option:0");
  assert.equal(answerKey("choice", "D", [3, 2, 1, 0]), "option:0");
  assert.equal(answerKey("choice", "c", null), "letter:C");
  assert.equal(answerKey("code", "print(1)", null), null);
});

function graded(
  problemId: string,
  sampleIndex: number,
  correct: boolean | null,
  extra: Partial<GradedSample> = {},
): GradedSample {
  return {
    id: 0,
    runHash: "r",
    problemId,
    sampleIndex,
    prompt: "",
    choiceOrder: null,
    reasoning: "",
    content: "",
    finishReason: "stop",
    promptTokens: 5,
    completionTokens: 100,
    reasoningTokens: 80,
    latencyMs: 1,
    seed: null,
    attempts: 1,
    createdAt: "",
    verdict:
      correct == null
        ? null
        : { correct, extracted: correct ? "4" : "5", detail: null, graderVersion: "g", gradedAt: "" },
    ...extra,
  };
}

test("benchmark metrics: pass@1 per problem then over problems, SEs, pass@k, cons@k, truncation, tokens", () => {
  const problems = [
    { problemId: "a", type: "integer" as const },
    { problemId: "b", type: "integer" as const },
  ];
  const samples = [
    graded("a", 0, true),
    graded("a", 1, true),
    graded("a", 2, false, { finishReason: "length", completionTokens: 400, reasoningTokens: 400 }),
    graded("a", 3, true),
    graded("b", 0, false),
    graded("b", 1, false),
    graded("b", 2, true),
    graded("b", 3, false),
  ];
  const m = benchmarkMetrics(problems, samples, 4);
  assert.equal(m.complete, true);
  assert.equal(m.passAt1, (0.75 + 0.25) / 2);
  assert.ok(Math.abs(m.stdErr.problems! - 0.25) < 1e-12); // sd of {0.75, 0.25} is √0.125; /√2
  assert.ok(Math.abs(m.stdErr.sampling! - Math.sqrt((0.75 * 0.25) / 4 + (0.25 * 0.75) / 4) / 2) < 1e-12);
  assert.equal(m.passAtK["1"], 0.5);
  assert.equal(m.passAtK["4"], 1);
  assert.deepEqual(m.consAtK, { k: 4, value: 0.5, fractional: 0.5, ties: 0 });
  assert.equal(m.truncationRate, 1 / 8);
  assert.equal(m.tokens.completion?.max, 400);
  assert.equal(m.tokens.answer?.median, 20);
  assert.deepEqual(m.accuracyBySamples, [0.5, 0.5, (2 / 3 + 1 / 3) / 2, 0.5]);
});

test("a problem short of K samples is reported, not averaged in silently; pass@k and cons@k wait", () => {
  const problems = [
    { problemId: "a", type: "math" as const },
    { problemId: "b", type: "math" as const },
    { problemId: "c", type: "math" as const },
  ];
  const samples = [
    graded("a", 0, true),
    graded("a", 1, true),
    graded("b", 0, false),
    graded("b", 1, null), // stored but not graded yet
    graded("a", 7, true), // beyond K: ignored
  ];
  const m = benchmarkMetrics(problems, samples, 2);
  assert.equal(m.complete, false);
  assert.deepEqual(m.incompleteProblems, [
    { problemId: "b", samples: 1 },
    { problemId: "c", samples: 0 },
  ]);
  assert.equal(m.ungraded, 1);
  assert.equal(m.samples, 3);
  assert.equal(m.expectedSamples, 6);
  assert.equal(m.passAt1, 0.5, "mean over the problems that have samples, each over the samples it has");
  assert.deepEqual(m.passAtK, {});
  assert.equal(m.consAtK, null);
});

test("distribution: mean, median, p95 by linear interpolation", () => {
  const d = distribution([4, 1, 3, 2])!;
  assert.deepEqual(
    { ...d, p95: Math.round(d.p95 * 1000) / 1000 },
    { count: 4, mean: 2.5, median: 2.5, p95: 3.85, max: 4 },
  );
  assert.equal(distribution([]), null);
});
