import assert from "node:assert/strict";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { benchmarkMetrics } from "../../src/eval/metrics/benchmark-metrics.js";
import type { BenchmarkReport, EvalReport } from "../../src/eval/report/benchmark-report.js";
import { markdownReport } from "../../src/eval/report/markdown-report.js";
import { publishedRowFor } from "../../src/eval/report/published-numbers.js";
import { writeReports } from "../../src/eval/report/write-reports.js";
import type { GradedSample } from "../../src/store/index.js";

function sample(
  problemId: string,
  sampleIndex: number,
  correct: boolean,
  content = "\\boxed{4}",
): GradedSample {
  return {
    id: 1,
    runHash: "f00d",
    problemId,
    sampleIndex,
    prompt: "What is 2+2?",
    choiceOrder: null,
    reasoning: "r".repeat(10_000),
    content,
    finishReason: "stop",
    promptTokens: 5,
    completionTokens: 50 + sampleIndex,
    reasoningTokens: 40,
    latencyMs: 1,
    seed: null,
    attempts: 1,
    createdAt: "",
    verdict: { correct, extracted: correct ? "4" : "5", detail: null, graderVersion: "g", gradedAt: "" },
  };
}

const samples = [
  sample("a", 0, true),
  sample("a", 1, true),
  sample("b", 0, false, "</script><script>alert(1)</script>"),
  sample("b", 1, true),
];

function benchmark(name: string, label = name): BenchmarkReport {
  const metrics = benchmarkMetrics(
    [
      { problemId: "a", type: "integer" },
      { problemId: "b", type: "integer" },
    ],
    samples,
    2,
  );
  return {
    benchmark: name,
    label,
    runHash: "f00d".repeat(16),
    config: {
      harness: 1,
      benchmark: name,
      dataset: { sha256: "abc" },
      model: { kind: "endpoint", name: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B" },
      prompt: { style: "r1", version: 1 },
      thinking: "forced",
      sampling: { temperature: 0.6, topP: 0.95, seed: null },
      maxTokens: 32768,
      samples: 2,
    },
    dataset: { source: "hub:x", files: [{ name: "x", sha256: "abc", bytes: 1 }], sha256: "abc", rows: 2 },
    metrics,
    failedSamples: 0,
  };
}

const report: EvalReport = {
  model: "deepseek-ai/DeepSeek-R1-Distill-Qwen-1.5B",
  benchmarks: [benchmark("aime24"), benchmark("custom", "mine")],
  generatedAt: "2025-01-01T00:00:00.000Z",
  deepthinkVersion: "0.1.0",
};

test("published rows are found from file names, aliases and repo ids; R1 itself does not swallow distills", () => {
  assert.equal(
    publishedRowFor("DeepSeek-R1-Distill-Qwen-1.5B-Q4_K_M")?.model,
    "DeepSeek-R1-Distill-Qwen-1.5B",
  );
  assert.equal(publishedRowFor("r1-distill-llama-70b")?.model, "DeepSeek-R1-Distill-Llama-70B");
  assert.equal(publishedRowFor("deepseek-ai/DeepSeek-R1")?.model, "DeepSeek-R1");
  assert.equal(publishedRowFor("deepseek-reasoner")?.model, "DeepSeek-R1");
  assert.equal(publishedRowFor("r1-distill-qwen3-8b"), undefined);
  assert.equal(publishedRowFor("scripted-123"), undefined);
});

test("Markdown: the README's columns, our row with ± SE, the README row and the difference in points", () => {
  const md = markdownReport(report);
  assert.match(md, /\| Model \| AIME 2024 pass@1 \| AIME 2024 cons@64 \| mine pass@1 \|/);
  assert.match(
    md,
    /\| \*\*deepseek-ai\/DeepSeek-R1-Distill-Qwen-1\.5B\*\* \(deepthink\) \| 75\.0 ± 25\.0 \| 50\.0 \(k=2\) \| 75\.0 ± 25\.0 \|/,
  );
  assert.match(md, /\| DeepSeek-R1-Distill-Qwen-1\.5B \(README\) \| 28\.9 \| 52\.7 \| — \|/);
  assert.match(md, /\| Δ \(ours − README\) \| \+46\.1 \| −2\.7 \| — \|/);
  assert.match(
    md,
    /\| aime24 \| 2 \| 2 \| 4\/4 \| 75\.0 \| 25\.0 \/ 17\.7 \| @2 100\.0 \| 50\.0 \(1\) \| 0\.0 \|/,
  );
});

test("--out writes summary.json, results.md and a self-contained report.html that no sample can break out of", async () => {
  const dir = await mkdtemp(join(tmpdir(), "deepthink-report-"));
  const written = await writeReports(join(dir, "out"), report, () => samples);
  const summary = JSON.parse(await readFile(written.summary, "utf8"));
  const first = summary.benchmarks[0];
  assert.equal(first["pass@1"], 0.75);
  assert.deepEqual(first["pass@k"], { "1": 0.75, "2": 1 });
  assert.equal(first["cons@k"].k, 2);
  assert.equal(first.problems, 2);
  assert.equal(first.samples, 4);
  assert.equal(first.truncationRate, 0);
  assert.equal(first.config.sampling.temperature, 0.6);
  assert.equal(first.dataset.sha256, "abc");
  const html = await readFile(written.html, "utf8");
  assert.ok(!html.includes("</script><script>alert"), "sample text cannot close the script element");
  assert.ok(html.includes("\\u003c/script>"));
  assert.match(html, /<svg /);
  assert.match(html, /characters left out; the full reasoning is in the database/);
  assert.equal(await readFile(written.markdown, "utf8"), markdownReport(report));
});
