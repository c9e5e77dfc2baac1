/**
 * The runner over a real SQLite store, with an in-process sample generator (the model is not the subject
 * here; the end-to-end test drives a real one): resume asks only for what is missing, upstream failures
 * leave samples missing rather than wrong, fatal errors stop the run, Ctrl-C keeps what was stored.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import type {
  Generation,
  GenerationRequest,
  SampleGenerator,
} from "../../src/eval/generation/sample-generator.js";
import { type RunBenchmarkOptions, runBenchmark } from "../../src/eval/runner/run-benchmark.js";
import type { Problem } from "../../src/eval/types.js";
import { EvalStore, openDatabase } from "../../src/store/index.js";

const problems: Problem[] = ["p1", "p2", "p3"].map((id, i) => ({
  id,
  type: "integer",
  question: `q${i}`,
  gold: String(4 + i),
}));

function answer(text: string): Generation {
  return {
    reasoning: "think",
    content: text,
    finishReason: "stop",
    promptTokens: 3,
    completionTokens: 10,
    reasoningTokens: 6,
  };
}

function fakeGenerator(
  reply: (request: GenerationRequest, call: number) => Promise<Generation> | Generation,
) {
  const requests: GenerationRequest[] = [];
  const generator: SampleGenerator = {
    async generate(request) {
      requests.push(request);
      return reply(request, requests.length);
    },
    async close() {},
  };
  return { generator, requests };
}

function setup(generator: SampleGenerator, extra: Partial<RunBenchmarkOptions> = {}) {
  const db = openDatabase(":memory:");
  const store = new EvalStore(db);
  store.saveRun(
    { hash: "run1", benchmark: "custom", label: "t", config: {}, info: {} },
    problems.map((p, position) => ({ problemId: p.id, position, type: p.type, gold: p.gold })),
  );
  const options: RunBenchmarkOptions = {
    store,
    runHash: "run1",
    problems,
    samples: 2,
    prompt: { style: "r1", shuffleSeed: 0 },
    sampling: { temperature: 0.6, topP: 0.95, seed: 100 },
    maxTokens: 64,
    generator,
    grade: async (problem, { content }) => ({
      correct: content === `\\boxed{${problem.gold}}`,
      extracted: content,
    }),
    graderVersion: "test",
    concurrency: 2,
    retry: { sleep: async () => {}, baseDelayMs: 1 },
    ...extra,
  };
  return { db, store, options };
}

test("every (problem, sample) generated once, sample-major, seeded base+index, stored with its verdict", async () => {
  const { generator, requests } = fakeGenerator(() => answer("\\boxed{4}"));
  const { store, options } = setup(generator, { concurrency: 1 });
  const result = await runBenchmark(options);
  assert.equal(result.generated, 6);
  assert.deepEqual(
    requests.map((r) => [r.prompt.slice(0, 2), r.seed]),
    [
      ["q0", 100],
      ["q1", 100],
      ["q2", 100],
      ["q0", 101],
      ["q1", 101],
      ["q2", 101],
    ],
  );
  assert.ok(requests.every((r) => r.temperature === 0.6 && r.topP === 0.95 && r.maxTokens === 64));
  const samples = store.samples("run1");
  assert.equal(samples.length, 6);
  assert.deepEqual(
    samples.map((s) => s.verdict?.correct),
    [true, true, false, false, false, false],
  );
  assert.equal(
    samples[0]!.prompt,
    "q0\nPlease reason step by step, and put your final answer within \\boxed{}.",
  );
  assert.equal(samples[0]!.seed, 100);
});

test("resume: a second run asks only for the samples the store lacks, and grades ungraded leftovers", async () => {
  const first = fakeGenerator(() => answer("\\boxed{4}"));
  const { store, options } = setup(first.generator, { concurrency: 1 });
  // The first run is stopped after three samples.
  const controller = new AbortController();
  let stored = 0;
  await runBenchmark({
    ...options,
    signal: controller.signal,
    onProgress: (p) => {
      if (p.generated === stored) return;
      stored = p.generated;
      if (stored === 3) controller.abort();
    },
  });
  assert.equal(store.countSamples("run1"), 3);
  // A sample stored by a run killed before its grading finished.
  store.insertSample({
    ...store.samples("run1")[0]!,
    problemId: "p3",
    sampleIndex: 1,
    content: "\\boxed{6}",
  });

  const second = fakeGenerator(() => answer("\\boxed{5}"));
  const result = await runBenchmark({ ...options, generator: second.generator });
  assert.equal(result.reused, 4);
  assert.equal(result.generated, 2);
  assert.deepEqual(
    second.requests.map((r) => [r.prompt.slice(0, 2), r.seed]),
    [
      ["q0", 101],
      ["q1", 101],
    ],
  );
  const samples = store.samples("run1");
  assert.equal(samples.length, 6);
  assert.ok(samples.every((s) => s.verdict != null));
  assert.equal(samples.find((s) => s.problemId === "p3" && s.sampleIndex === 1)!.verdict!.correct, true);
});

test("upstream failures are retried, never graded as wrong: out of retries the sample is just missing", async () => {
  const { generator, requests } = fakeGenerator((request) => {
    if (request.prompt.startsWith("q1")) throw new DeepthinkError("model_unavailable", "HTTP 503");
    return answer("\\boxed{4}");
  });
  const { store, options } = setup(generator, { retry: { attempts: 3, sleep: async () => {} } });
  const result = await runBenchmark(options);
  assert.equal(result.generated, 4);
  assert.deepEqual(
    result.failures.map((f) => [f.problemId, f.sampleIndex, f.attempts]),
    [
      ["p2", 0, 3],
      ["p2", 1, 3],
    ],
  );
  assert.equal(requests.filter((r) => r.prompt.startsWith("q1")).length, 6);
  assert.equal(store.samples("run1").filter((s) => s.problemId === "p2").length, 0);
});

test("a prompt too long skips its sample at once; a fatal error (bad key) stops the whole run", async () => {
  const skip = fakeGenerator((request) => {
    if (request.prompt.startsWith("q2")) throw new DeepthinkError("context_length_exceeded", "too long");
    return answer("x");
  });
  const skipped = await runBenchmark(setup(skip.generator).options);
  assert.equal(skipped.failures.length, 2);
  assert.equal(skip.requests.length, 6, "no retries for a prompt that cannot fit");

  const fatal = fakeGenerator((_r, call) => {
    if (call === 2) throw new DeepthinkError("unauthorized", "bad key");
    return answer("x");
  });
  const { options } = setup(fatal.generator, { concurrency: 1 });
  await assert.rejects(
    runBenchmark(options),
    (e: unknown) => e instanceof DeepthinkError && e.code === "unauthorized",
  );
  assert.equal(fatal.requests.length, 2);
});

test("a grader that throws leaves the sample stored and ungraded (eval score grades it later)", async () => {
  const { generator } = fakeGenerator(() => answer("x"));
  const { store, options } = setup(generator, {
    grade: async (problem) => {
      if (problem.id === "p1") throw new Error("grader bug");
      return { correct: false, extracted: null };
    },
  });
  const result = await runBenchmark(options);
  assert.equal(result.gradingErrors.length, 2);
  assert.equal(store.samples("run1").filter((s) => s.verdict == null).length, 2);
});
