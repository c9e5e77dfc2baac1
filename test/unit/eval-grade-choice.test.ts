import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gradeChoice, statedLetter } from "../../src/eval/graders/choice-grader.js";

describe("gradeChoice", () => {
  const cases: [string, string, string | null][] = [
    ["simple-evals format", "Reasoning…\nAnswer: B", "B"],
    ["dollar-wrapped", "Answer: $C$", "C"],
    ["parenthesised", "Answer: (D)", "D"],
    ["bold line", "**Answer: A**", "A"],
    ["bold label", "**Answer:** C", "C"],
    ["boxed letter", "So the answer is $\\boxed{B}$.", "B"],
    ["boxed text letter", "\\boxed{\\text{(D)}}", "D"],
    ["'the answer is (C)'", "Therefore, the answer is (C).", "C"],
    ["letters beyond D (MMLU-Pro style)", "Answer: J", "J"],
    ["last statement wins", "Answer: A\nWait, that is wrong.\nAnswer: C", "C"],
    ["a word is not a letter", "Answer: Both options fail", null],
    ["lower-case English is not an option", "The answer: a total of 3", null],
    ["a bare letter as the whole answer", "(B)", "B"],
    ["nothing stated", "I am not sure.", null],
  ];
  for (const [name, response, want] of cases) {
    test(name, () => {
      const result = gradeChoice({ response, correctLetter: "C" });
      assert.equal(result.extracted, want);
      assert.equal(result.correct, want === "C");
    });
  }

  test("pick: first is simple-evals' behaviour", () => {
    assert.equal(statedLetter("Answer: A\nAnswer: C", "first"), "A");
    assert.equal(statedLetter("Answer: A\nAnswer: C", "last"), "C");
  });

  test("reasoning is stripped: a letter only in the think block is no answer", () => {
    const result = gradeChoice({
      response: "<think>Answer: C</think>\n\nI cannot decide.",
      correctLetter: "C",
    });
    assert.deepEqual(result, { correct: false, extracted: null, detail: "no answer letter found" });
  });

  test("an unclosed think block has no answer", () => {
    assert.equal(gradeChoice({ response: "<think>Answer: C", correctLetter: "C" }).extracted, null);
  });

  test("the key letter is compared trimmed and upper-cased", () => {
    assert.equal(gradeChoice({ response: "Answer: B", correctLetter: " b " }).correct, true);
  });
});
