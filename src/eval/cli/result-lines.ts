/** One line per benchmark for the terminal, once a run ends. */
import type { BenchmarkReport } from "../report/benchmark-report.js";

export function resultLine(report: BenchmarkReport): string {
  const m = report.metrics;
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const parts = [
    `${report.label}: pass@1 ${m.passAt1 != null ? pct(m.passAt1) : "—"}` +
      (m.stdErr.problems != null ? ` ± ${(100 * m.stdErr.problems).toFixed(1)}` : ""),
    `k=${m.samplesPerProblem}, ${m.problems} problems, ${m.samples}/${m.expectedSamples} samples`,
  ];
  if (m.consAtK != null) parts.push(`cons@${m.consAtK.k} ${pct(m.consAtK.value)}`);
  if (m.truncationRate != null) parts.push(`truncated ${pct(m.truncationRate)}`);
  if (!m.complete) parts.push(`INCOMPLETE: ${m.incompleteProblems.length} problems short`);
  if (m.ungraded > 0) parts.push(`${m.ungraded} ungraded`);
  parts.push(`run ${report.runHash.slice(0, 12)}`);
  return parts.join(", ");
}
