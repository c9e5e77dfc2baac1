/**
 * A benchmark's numbers from its stored samples. pass@1 is the mean over problems of each problem's share
 * of correct samples, counted over the samples actually present and graded; every problem must have
 * exactly the configured K (the lighteval #771 failure was dividing by a K that was never generated), and
 * problems that do not are listed instead of being averaged in silently. pass@k and cons@k need K
 * everywhere and are left out otherwise.
 */
import type { SampleSummary } from "../../store/index.js";
import type { GradeType } from "../types.js";
import { answerKey } from "./answer-key.js";
import { majorityVote } from "./majority-vote.js";
import { passAtK, reportedKs } from "./pass-at-k.js";
import { type Distribution, distribution, mean, standardError } from "./summary-stats.js";

export interface MetricsProblem {
  problemId: string;
  type: GradeType;
}

export interface BenchmarkMetrics {
  problems: number;
  /** K, as configured. */
  samplesPerProblem: number;
  /** Samples stored and graded. */
  samples: number;
  expectedSamples: number;
  /** Stored but not (yet) graded: a grader failed or the run stopped between the two. */
  ungraded: number;
  complete: boolean;
  incompleteProblems: Array<{ problemId: string; samples: number }>;
  passAt1: number | null;
  /** Standard errors of pass@1: across problems (σ/√N), and of the sampling (√Σ p̂(1−p̂)/n / N). */
  stdErr: { problems: number | null; sampling: number | null };
  /** pass@k for k = 1, 2, 4 … K (complete runs only). */
  passAtK: Record<string, number>;
  consAtK: { k: number; value: number; fractional: number; ties: number } | null;
  /** Share of samples cut off at the token limit (finish reason `length`). */
  truncationRate: number | null;
  tokens: { completion: Distribution | null; reasoning: Distribution | null; answer: Distribution | null };
  /** pass@1 from the first j samples of every problem, j = 1 … K: how the estimate settles (complete only). */
  accuracyBySamples: number[];
}

export function benchmarkMetrics(
  problems: readonly MetricsProblem[],
  samples: readonly SampleSummary[],
  k: number,
): BenchmarkMetrics {
  const byProblem = new Map<string, SampleSummary[]>(problems.map((p) => [p.problemId, []]));
  let ungraded = 0;
  const present: SampleSummary[] = [];
  for (const sample of samples) {
    const list = byProblem.get(sample.problemId);
    if (list == null || sample.sampleIndex >= k) continue;
    if (sample.verdict == null) {
      ungraded++;
      continue;
    }
    list.push(sample);
    present.push(sample);
  }
  for (const list of byProblem.values()) list.sort((a, b) => a.sampleIndex - b.sampleIndex);

  const incompleteProblems = problems
    .map((p) => ({ problemId: p.problemId, samples: byProblem.get(p.problemId)!.length }))
    .filter((p) => p.samples !== k);
  const complete = incompleteProblems.length === 0 && problems.length > 0;

  const rates: number[] = [];
  const samplingVariance: number[] = [];
  for (const list of byProblem.values()) {
    if (list.length === 0) continue;
    const p = list.filter((s) => s.verdict!.correct).length / list.length;
    rates.push(p);
    samplingVariance.push((p * (1 - p)) / list.length);
  }
  const passAt1 = rates.length > 0 ? mean(rates) : null;
  const sampling =
    rates.length > 0 ? Math.sqrt(samplingVariance.reduce((sum, v) => sum + v, 0)) / rates.length : null;

  const passAtKs: Record<string, number> = {};
  let consAtK: BenchmarkMetrics["consAtK"] = null;
  const accuracyBySamples: number[] = [];
  if (complete) {
    for (const kk of reportedKs(k)) {
      passAtKs[String(kk)] = mean(
        [...byProblem.values()].map((list) => passAtK(k, list.filter((s) => s.verdict!.correct).length, kk)),
      );
    }
    for (let j = 1; j <= k; j++) {
      accuracyBySamples.push(
        mean(
          [...byProblem.values()].map(
            (list) => list.slice(0, j).filter((s) => s.verdict!.correct).length / j,
          ),
        ),
      );
    }
    consAtK = consensus(problems, byProblem, k);
  }

  const completion = present.flatMap((s) => (s.completionTokens != null ? [s.completionTokens] : []));
  const reasoning = present.flatMap((s) => (s.reasoningTokens != null ? [s.reasoningTokens] : []));
  const answer = present.flatMap((s) =>
    s.completionTokens != null && s.reasoningTokens != null ? [s.completionTokens - s.reasoningTokens] : [],
  );
  return {
    problems: problems.length,
    samplesPerProblem: k,
    samples: present.length,
    expectedSamples: problems.length * k,
    ungraded,
    complete,
    incompleteProblems,
    passAt1,
    stdErr: { problems: standardError(rates), sampling },
    passAtK: passAtKs,
    consAtK,
    truncationRate:
      present.length > 0 ? present.filter((s) => s.finishReason === "length").length / present.length : null,
    tokens: {
      completion: distribution(completion),
      reasoning: distribution(reasoning),
      answer: distribution(answer),
    },
    accuracyBySamples,
  };
}

function consensus(
  problems: readonly MetricsProblem[],
  byProblem: Map<string, SampleSummary[]>,
  k: number,
): BenchmarkMetrics["consAtK"] {
  // Voting over program texts means nothing; cons@k is for answers.
  if (problems.some((p) => p.type === "code")) return null;
  let solved = 0;
  let fractional = 0;
  let ties = 0;
  for (const problem of problems) {
    const votes = byProblem.get(problem.problemId)!.map((s) => ({
      sampleIndex: s.sampleIndex,
      key: answerKey(problem.type, s.verdict!.extracted, s.choiceOrder),
      correct: s.verdict!.correct,
    }));
    const result = majorityVote(votes);
    if (result.correct) solved++;
    fractional += result.fractional;
    if (result.tied > 1) ties++;
  }
  return { k, value: solved / problems.length, fractional: fractional / problems.length, ties };
}
