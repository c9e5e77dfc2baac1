/**
 * The Markdown report: a table shaped like the README's distill table (our row, the published row, and
 * the difference), then one line per benchmark with the counts and statistics behind each number.
 */
import type { BenchmarkMetrics } from "../metrics/benchmark-metrics.js";
import type { Distribution } from "../metrics/summary-stats.js";
import type { BenchmarkReport, EvalReport } from "./benchmark-report.js";
import { type PublishedRow, publishedRowFor } from "./published-numbers.js";

interface Column {
  title: string;
  ours(b: BenchmarkReport): number | null;
  note(b: BenchmarkReport): string;
  published(row: PublishedRow): number | null;
  benchmark: string;
}

const COLUMNS: readonly Column[] = [
  passColumn("aime24", "AIME 2024 pass@1", (r) => r.aime24),
  {
    benchmark: "aime24",
    title: "AIME 2024 cons@64",
    ours: (b) => b.metrics.consAtK?.value ?? null,
    note: (b) =>
      b.metrics.consAtK != null && b.metrics.consAtK.k !== 64 ? ` (k=${b.metrics.consAtK.k})` : "",
    published: (r) => r.aime24Cons64,
  },
  passColumn("aime25", "AIME 2025 pass@1", () => null),
  passColumn("math500", "MATH-500 pass@1", (r) => r.math500),
  passColumn("gpqa-diamond", "GPQA Diamond pass@1", (r) => r.gpqaDiamond),
  passColumn("livecodebench", "LiveCodeBench pass@1", (r) => r.livecodebench),
];

function passColumn(benchmark: string, title: string, published: (r: PublishedRow) => number | null): Column {
  return {
    benchmark,
    title,
    ours: (b) => b.metrics.passAt1,
    note: (b) => `${b.metrics.complete ? "" : " (incomplete)"}`,
    published,
  };
}

export function markdownReport(report: EvalReport): string {
  const published = publishedRowFor(report.compareWith ?? report.model);
  const columns: Array<Column & { report: BenchmarkReport }> = [];
  for (const column of COLUMNS) {
    const b = report.benchmarks.find((x) => x.benchmark === column.benchmark);
    if (b != null) columns.push({ ...column, report: b });
  }
  for (const b of report.benchmarks.filter((x) => x.benchmark === "custom")) {
    columns.push({ ...passColumn("custom", `${b.label} pass@1`, () => null), report: b });
  }
  const lines = [`# Evaluation: ${report.model}`, ""];
  lines.push(`| Model | ${columns.map((c) => c.title).join(" | ")} |`);
  lines.push(`|---|${columns.map(() => "---").join("|")}|`);
  lines.push(
    `| **${report.model}** (deepthink) | ${columns
      .map((c) => {
        const value = c.ours(c.report);
        const se = c.title.includes("cons@") ? null : c.report.metrics.stdErr.problems;
        return value == null ? "—" : `${pct(value)}${se != null ? ` ± ${pct(se)}` : ""}${c.note(c.report)}`;
      })
      .join(" | ")} |`,
  );
  if (published != null) {
    lines.push(
      `| ${published.model} (README) | ${columns.map((c) => num(c.published(published))).join(" | ")} |`,
    );
    lines.push(
      `| Δ (ours − README) | ${columns
        .map((c) => {
          const ours = c.ours(c.report);
          const theirs = c.published(published);
          return ours == null || theirs == null ? "—" : signed(100 * ours - theirs);
        })
        .join(" | ")} |`,
    );
  }
  lines.push("", "Percentages; ± is the standard error across problems. Δ in points.", "");
  lines.push("## Details", "");
  lines.push(
    "| Benchmark | problems | k | samples | pass@1 | SE (problems / sampling) | pass@k | cons@k (ties) | truncated | reasoning tokens (mean / median / p95) | answer tokens (mean / median / p95) | run |",
  );
  lines.push("|---|---|---|---|---|---|---|---|---|---|---|---|");
  for (const b of report.benchmarks) lines.push(detailRow(b));
  const incomplete = report.benchmarks.filter((b) => !b.metrics.complete);
  if (incomplete.length > 0) {
    lines.push(
      "",
      "Incomplete (run again to fill in the missing samples; these numbers average what is there):",
    );
    for (const b of incomplete) {
      lines.push(
        `- ${b.label}: ${b.metrics.samples} of ${b.metrics.expectedSamples} samples, ${b.metrics.incompleteProblems.length} problems short`,
      );
    }
  }
  return `${lines.join("\n")}\n`;
}

function detailRow(b: BenchmarkReport): string {
  const m: BenchmarkMetrics = b.metrics;
  const passK = Object.entries(m.passAtK)
    .filter(([k]) => k !== "1")
    .map(([k, v]) => `@${k} ${pct(v)}`)
    .join(", ");
  const cons = m.consAtK != null ? `${pct(m.consAtK.value)} (${m.consAtK.ties})` : "—";
  return `| ${b.label} | ${m.problems} | ${m.samplesPerProblem} | ${m.samples}/${m.expectedSamples} | ${
    m.passAt1 != null ? pct(m.passAt1) : "—"
  } | ${m.stdErr.problems != null ? pct(m.stdErr.problems) : "—"} / ${
    m.stdErr.sampling != null ? pct(m.stdErr.sampling) : "—"
  } | ${passK || "—"} | ${cons} | ${m.truncationRate != null ? pct(m.truncationRate) : "—"} | ${dist(
    m.tokens.reasoning,
  )} | ${dist(m.tokens.answer)} | \`${b.runHash.slice(0, 12)}\` |`;
}

function pct(fraction: number): string {
  return (100 * fraction).toFixed(1);
}

function num(value: number | null): string {
  return value == null ? "—" : value.toFixed(1);
}

function signed(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return `${rounded > 0 ? "+" : rounded < 0 ? "−" : "±"}${Math.abs(rounded).toFixed(1)}`;
}

function dist(d: Distribution | null): string {
  return d == null ? "—" : `${Math.round(d.mean)} / ${Math.round(d.median)} / ${Math.round(d.p95)}`;
}
