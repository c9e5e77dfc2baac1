import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, describe, test } from "node:test";
import { closeGraders, gradeMath } from "../../src/eval/graders/math-grader.js";

/**
 * The calibration table: (gold, answer, expected) pairs with a note each — equivalent and
 * non-equivalent forms, the known traps (Math-Verify's documented false positives and negatives among
 * them), integer-mode (AIME) answers, and whole responses. An answer is graded as `\boxed{pred}` unless
 * the row gives the whole `response`.
 */
interface PairRow {
  gold: string;
  pred: string;
  expected: boolean;
  note: string;
  mode?: "math" | "integer";
  response?: string;
}

const rows: PairRow[] = readFileSync(new URL("../fixtures/math-pairs.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as PairRow);

after(closeGraders);

describe("gradeMath on the pairs table", () => {
  test("the table is broad: at least 150 pairs, both verdicts well represented", () => {
    assert.ok(rows.length >= 150, `${rows.length} pairs`);
    assert.ok(rows.filter((r) => !r.expected).length >= 50);
    assert.ok(rows.filter((r) => r.mode === "integer").length >= 10);
  });

  for (const row of rows) {
    const label = row.response != null ? JSON.stringify(row.response) : JSON.stringify(row.pred);
    test(`${row.expected ? "equal" : "differ"}: ${row.gold} vs ${label} (${row.note})`, async () => {
      const response = row.response ?? `The answer is $\\boxed{${row.pred}}$.`;
      const result = await gradeMath({ gold: row.gold, response, mode: row.mode }, { timeoutMs: 5_000 });
      assert.equal(result.correct, row.expected, `detail: ${result.detail}; extracted: ${result.extracted}`);
    });
  }
});

describe("gradeMath results", () => {
  test("reports the extracted answer and the rule that decided", async () => {
    const result = await gradeMath({
      gold: "(x+1)^2",
      response: "<think>\\boxed{0}</think>So \\boxed{x^2+2x+1}.",
    });
    assert.deepEqual(result, { correct: true, extracted: "x^2+2x+1", detail: "symbolic: simplify(a-b)=0" });
  });

  test("an unclosed think block has no answer", async () => {
    const result = await gradeMath({ gold: "5", response: "<think>so it is \\boxed{5}" });
    assert.equal(result.extracted, null);
    assert.equal(result.correct, false);
  });

  test("startInReasoning: a prefilled response without </think> has no answer", async () => {
    const result = await gradeMath({ gold: "5", response: "so it is \\boxed{5}", startInReasoning: true });
    assert.equal(result.extracted, null);
    const closed = await gradeMath({ gold: "5", response: "hmm</think>\\boxed{5}", startInReasoning: true });
    assert.equal(closed.correct, true);
  });

  test("integer mode never needs the CAS: a non-integer answer is simply wrong", async () => {
    const result = await gradeMath({ gold: "204", response: "\\boxed{\\frac{408}{2}}", mode: "integer" });
    assert.deepEqual(result, {
      correct: false,
      extracted: "\\frac{408}{2}",
      detail: "integer: the answer is not an integer",
    });
  });

  test("many comparisons at once share the small worker pool", async () => {
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        gradeMath({ gold: `${i}\\sqrt{2}`, response: `\\boxed{\\sqrt{${2 * i * i}}}` }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.correct),
      results.map(() => true),
    );
  });
});
