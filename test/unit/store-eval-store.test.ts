import assert from "node:assert/strict";
import { test } from "node:test";
import { EvalStore, openDatabase, type SampleInput } from "../../src/store/index.js";

function setup() {
  const db = openDatabase(":memory:");
  let tick = 0;
  const store = new EvalStore(db, { now: () => new Date(Date.UTC(2025, 0, 1, 0, 0, tick++)) });
  store.saveRun(
    { hash: "abc123", benchmark: "aime24", label: "aime24", config: { k: 2 }, info: { model: "m" } },
    [
      { problemId: "p1", position: 0, type: "integer", gold: "4" },
      { problemId: "p2", position: 1, type: "integer", gold: "5" },
    ],
  );
  return { db, store };
}

function sample(problemId: string, sampleIndex: number, extra: Partial<SampleInput> = {}): SampleInput {
  return {
    runHash: "abc123",
    problemId,
    sampleIndex,
    prompt: "q",
    choiceOrder: null,
    reasoning: "r",
    content: "\\boxed{4}",
    finishReason: "stop",
    promptTokens: 10,
    completionTokens: 20,
    reasoningTokens: 15,
    latencyMs: 5,
    seed: null,
    attempts: 1,
    ...extra,
  };
}

test("samples are unique per (run, problem, index): a second insert keeps the first and returns null", () => {
  const { db, store } = setup();
  const id = store.insertSample(sample("p1", 0, { content: "first" }));
  assert.ok(id != null);
  assert.equal(store.insertSample(sample("p1", 0, { content: "second" })), null);
  assert.equal(store.countSamples("abc123"), 1);
  assert.equal(store.samples("abc123")[0]!.content, "first");
  assert.deepEqual([...store.sampleKeys("abc123")], ["p1\u00000"]);
  db.close();
});

test("verdicts are appended; the newest one is the sample's verdict", () => {
  const { db, store } = setup();
  const id = store.insertSample(sample("p1", 0, { choiceOrder: [2, 0, 1, 3] }))!;
  store.insertSample(sample("p2", 0));
  store.insertVerdict({ sampleId: id, graderVersion: "g1", correct: false, extracted: "5", detail: "old" });
  store.insertVerdicts([{ sampleId: id, graderVersion: "g2", correct: true, extracted: "4", detail: null }]);
  const [first, second] = store.samples("abc123");
  assert.equal(first!.verdict?.correct, true);
  assert.equal(first!.verdict?.graderVersion, "g2");
  assert.deepEqual(first!.choiceOrder, [2, 0, 1, 3]);
  assert.equal(second!.verdict, null);
  // Summaries carry everything but the texts; one sample's texts come by id.
  const [summary] = store.summaries("abc123");
  assert.equal(summary!.verdict?.extracted, "4");
  assert.ok(!("reasoning" in summary!) && !("content" in summary!) && !("prompt" in summary!));
  assert.equal(store.sample(id)?.content, "\\boxed{4}");
  assert.equal((db.prepare("SELECT count(*) AS n FROM eval_verdicts").get() as { n: number }).n, 2);
  db.close();
});

test("runs: saved once (info refreshed), found by hash prefix, listed with their sample counts", () => {
  const { db, store } = setup();
  store.insertSample(sample("p1", 0));
  store.saveRun(
    { hash: "abc123", benchmark: "aime24", label: "aime24", config: { k: 99 }, info: { model: "n" } },
    [],
  );
  const run = store.run("abc123")!;
  assert.deepEqual(run.config, { k: 2 }, "the configuration is the run's identity and never changes");
  assert.deepEqual(run.info, { model: "n" });
  assert.equal(run.samples, 1);
  assert.equal(store.findRuns("ABC").length, 1);
  assert.equal(store.findRuns("abd").length, 0);
  assert.equal(store.findRuns("%").length, 1, "not a LIKE pattern: non-hex characters are dropped");
  assert.deepEqual(
    store.problems("abc123").map((p) => p.problemId),
    ["p1", "p2"],
  );
  db.close();
});

test("foreign keys hold: no sample without its run, no verdict without its sample", () => {
  const { db, store } = setup();
  assert.throws(() => store.insertSample(sample("p1", 0, { runHash: "nope" })), /FOREIGN KEY/);
  assert.throws(
    () =>
      store.insertVerdict({
        sampleId: 999,
        graderVersion: "g",
        correct: true,
        extracted: null,
        detail: null,
      }),
    /FOREIGN KEY/,
  );
  db.close();
});
