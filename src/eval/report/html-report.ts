/**
 * report.html: one self-contained page — the summary table, per benchmark the accuracy-vs-samples and
 * length charts, and a per-sample viewer (prompt, reasoning collapsed, answer, extracted answer, gold,
 * verdict, tokens, finish reason). Long reasoning is cut to its head and tail to keep the file openable;
 * the full text stays in the database. Reports of gated benchmarks (GPQA) carry a do-not-publish note.
 */
import type { GradedSample } from "../../store/index.js";
import type { EvalReport } from "./benchmark-report.js";
import { markdownReport } from "./markdown-report.js";
import { SAMPLE_VIEWER_SCRIPT, SAMPLE_VIEWER_STYLE } from "./sample-viewer.js";
import { accuracyChart, esc, lengthHistogram } from "./svg-charts.js";

const REASONING_HEAD = 1_000;
const REASONING_TAIL = 3_000;
const TEXT_LIMIT = 20_000;

export function htmlReport(report: EvalReport, samplesOf: (runHash: string) => GradedSample[]): string {
  const sections: string[] = [];
  const data: unknown[] = [];
  for (const b of report.benchmarks) {
    const samples = samplesOf(b.runHash).filter((s) => s.sampleIndex < b.metrics.samplesPerProblem);
    const graded = samples.filter((s) => s.verdict != null && s.completionTokens != null);
    sections.push(
      `<section><h2>${esc(b.label)}</h2><div class="charts">` +
        accuracyChart(b.metrics.accuracyBySamples, "pass@1 using the first j samples of every problem") +
        lengthHistogram(
          graded.map((s) => ({ tokens: s.completionTokens!, correct: s.verdict!.correct })),
          "completion tokens per sample (green: correct, red: wrong)",
        ) +
        `</div></section>`,
    );
    data.push({
      label: b.label,
      samples: samples.map((s) => ({
        problem: s.problemId,
        index: s.sampleIndex,
        prompt: cut(s.prompt, TEXT_LIMIT),
        reasoning: cutMiddle(s.reasoning),
        content: cut(s.content, TEXT_LIMIT),
        finish: s.finishReason,
        tokens: s.completionTokens,
        reasoningTokens: s.reasoningTokens,
        extracted: s.verdict?.extracted ?? null,
        correct: s.verdict?.correct ?? null,
        detail: s.verdict?.detail ?? null,
      })),
    });
  }
  const gated = report.benchmarks.some((b) => b.benchmark === "gpqa-diamond");
  // JSON inside <script>: `<` escaped so no text in a sample can close the element.
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Evaluation: ${esc(report.model)}</title>
<style>${SAMPLE_VIEWER_STYLE}</style></head><body>
<h1>Evaluation: ${esc(report.model)}</h1>
<p class="muted">deepthink ${esc(report.deepthinkVersion)}, ${esc(report.generatedAt)}</p>
${gated ? '<p class="warn">Contains GPQA questions: the dataset\'s terms forbid publishing them. Keep this file private.</p>' : ""}
<pre class="table">${esc(markdownReport(report))}</pre>
${sections.join("\n")}
<section><h2>Samples</h2><div id="viewer"></div></section>
<script type="application/json" id="samples">${json}</script>
<script>${SAMPLE_VIEWER_SCRIPT}</script>
</body></html>
`;
}

function cut(text: string, limit: number): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}\n[… ${text.length - limit} more characters in the database]`;
}

function cutMiddle(text: string): string {
  if (text.length <= REASONING_HEAD + REASONING_TAIL) return text;
  const skipped = text.length - REASONING_HEAD - REASONING_TAIL;
  return `${text.slice(0, REASONING_HEAD)}\n\n[… ${skipped} characters left out; the full reasoning is in the database …]\n\n${text.slice(-REASONING_TAIL)}`;
}
