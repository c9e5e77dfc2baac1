import assert from "node:assert/strict";
import { test } from "node:test";
import type { LoadedBenchmark } from "../../src/eval/datasets/load-benchmark.js";
import { prepareRun, type RunSettings } from "../../src/eval/prepare-run.js";
import { canonicalJson } from "../../src/eval/run-config.js";
import { formatRunProgressLine } from "../../src/eval/runner/progress-reporter.js";

const loaded: LoadedBenchmark = {
  benchmark: "gpqa-diamond",
  label: "gpqa-diamond",
  problems: ["a", "b", "c"].map((id) => ({
    id,
    type: "choice" as const,
    question: id,
    gold: "x",
    options: { correct: "x", incorrect: ["y", "z", "w"] },
  })),
  dataset: { source: "hub:Idavidrein/gpqa", files: [], sha256: "d".repeat(64), rows: 3 },
  paths: ["/somewhere/gpqa_diamond.csv"],
};
const settings: RunSettings = {
  samples: 8,
  seed: 0,
  temperature: 0.6,
  topP: 0.95,
  maxTokens: 32768,
  promptStyle: "r1",
  shuffleSeed: 0,
};
const model = { identity: { kind: "endpoint" as const, name: "m" }, label: "m", endpoint: "http://a:1/v1" };

test("the run hash covers what changes answers, and nothing else", () => {
  const base = prepareRun(loaded, settings, model);
  assert.match(base.hash, /^[0-9a-f]{64}$/);
  // Not part of the run: --limit, the endpoint's URL, where the data lives.
  const limited = prepareRun(
    { ...loaded, paths: ["/elsewhere.csv"] },
    { ...settings, limit: 2 },
    { ...model, endpoint: "http://b:2/v1" },
  );
  assert.equal(limited.hash, base.hash);
  assert.equal(limited.problems.length, 2);
  assert.equal(base.config.prompt.shuffleSeed, 0, "multiple choice records its shuffle seed");
  // Part of it: K, sampling, seed, max tokens, prompts, the shuffle, the model, the data, extra body.
  for (const changed of [
    prepareRun(loaded, { ...settings, samples: 16 }, model),
    prepareRun(loaded, { ...settings, temperature: 0.7 }, model),
    prepareRun(loaded, { ...settings, seed: null }, model),
    prepareRun(loaded, { ...settings, maxTokens: 8192 }, model),
    prepareRun(loaded, { ...settings, promptStyle: "lighteval" }, model),
    prepareRun(loaded, { ...settings, shuffleSeed: 1 }, model),
    prepareRun(loaded, { ...settings, extraBody: { top_k: 20 } }, model),
    prepareRun(loaded, settings, { ...model, identity: { kind: "endpoint", name: "other" } }),
    prepareRun({ ...loaded, dataset: { ...loaded.dataset, sha256: "e".repeat(64) } }, settings, model),
  ]) {
    assert.notEqual(changed.hash, base.hash, JSON.stringify(changed.config));
  }
  assert.deepEqual(base.info, {
    label: "gpqa-diamond",
    model: "m",
    dataPaths: ["/somewhere/gpqa_diamond.csv"],
    dataSource: "hub:Idavidrein/gpqa",
    endpoint: "http://a:1/v1",
  });
});

test("canonical JSON: keys sorted at every depth, undefined dropped", () => {
  assert.equal(
    canonicalJson({ b: 1, a: { d: [1, { z: 1, y: undefined }], c: null } }),
    '{"a":{"c":null,"d":[1,{"z":1}]},"b":1}',
  );
});

test("progress line: samples, running score, tokens/s and ETA", () => {
  assert.equal(
    formatRunProgressLine("aime24", {
      total: 1920,
      done: 960,
      generated: 480,
      failed: 2,
      correct: 300,
      graded: 960,
      completionTokens: 4_800_000,
      elapsedMs: 600_000,
    }),
    "aime24: 960/1920 samples (50%, 2 failed), score 31.3%, 8000 tok/s, ETA 19m 58s",
  );
});
