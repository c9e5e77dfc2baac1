/**
 * `summary.json`: per benchmark, the numbers (pass@1 with its standard errors, pass@k, cons@k),
 * the counts behind them (problems, samples, K, incomplete problems), the truncation rate, token
 * statistics, the run's full configuration and the dataset's checksums. Fractions are 0–1.
 */
import type { EvalReport } from "./benchmark-report.js";

export function summaryJson(report: EvalReport): unknown {
  return {
    generatedAt: report.generatedAt,
    deepthink: report.deepthinkVersion,
    model: report.model,
    ...(report.compareWith != null ? { comparedWith: report.compareWith } : {}),
    benchmarks: report.benchmarks.map((b) => ({
      benchmark: b.benchmark,
      label: b.label,
      runHash: b.runHash,
      complete: b.metrics.complete,
      "pass@1": b.metrics.passAt1,
      "pass@1StdErr": b.metrics.stdErr,
      "pass@k": b.metrics.passAtK,
      "cons@k": b.metrics.consAtK,
      problems: b.metrics.problems,
      samplesPerProblem: b.metrics.samplesPerProblem,
      samples: b.metrics.samples,
      expectedSamples: b.metrics.expectedSamples,
      missingSamples: b.metrics.expectedSamples - b.metrics.samples,
      ungradedSamples: b.metrics.ungraded,
      incompleteProblems: b.metrics.incompleteProblems,
      truncationRate: b.metrics.truncationRate,
      tokens: b.metrics.tokens,
      accuracyBySamples: b.metrics.accuracyBySamples,
      config: b.config,
      dataset: b.dataset,
    })),
  };
}
