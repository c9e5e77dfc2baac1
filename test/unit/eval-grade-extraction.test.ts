import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { answerText } from "../../src/eval/graders/answer-text.js";
import { lastBoxed } from "../../src/eval/graders/boxed-answer.js";
import { integerAnswer } from "../../src/eval/graders/integer-answer.js";
import { extractMathAnswer } from "../../src/eval/graders/math-extraction.js";

describe("lastBoxed", () => {
  const cases: [string, string, string | null][] = [
    ["nested braces", "so $\\boxed{\\frac{1}{\\sqrt{2}}}$.", "\\frac{1}{\\sqrt{2}}"],
    [
      "deeply nested",
      "\\boxed{\\left\\{ \\frac{a}{b^{2}} \\right\\}}",
      "\\left\\{ \\frac{a}{b^{2}} \\right\\}",
    ],
    ["several boxes: the last wins", "\\boxed{3} … no, \\boxed{4}", "4"],
    ["\\fbox", "\\fbox{7}", "7"],
    ["space form ends at $", "$\\boxed 42$ done", "42"],
    ["space after \\boxed before the brace", "\\boxed {5}", "5"],
    ["a box cut off by truncation falls back to the earlier one", "\\boxed{1} then \\boxed{\\frac{1}{2", "1"],
    ["a box inside a box unwraps", "\\boxed{\\boxed{9}}", "9"],
    ["escaped braces do not count", "\\boxed{\\{1,2\\}}", "\\{1,2\\}"],
    ["no box", "the answer is 5", null],
    ["\\boxedx is not a box", "\\boxedx", null],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.equal(lastBoxed(text), want));
});

describe("extractMathAnswer", () => {
  const cases: [string, string, string | null][] = [
    ["boxed wins over phrases", "The answer is 3. Finally \\boxed{4}", "4"],
    ["markdown bold is dropped (Math-Verify #76)", "**Final Answer:** **73**", "73"],
    ["bold inside a box", "\\boxed{**12**}", "12"],
    ["final answer is, with math", "So the final answer is $\\frac{3}{4}$, done.", "\\frac{3}{4}"],
    ["Minerva's format", "Final Answer: The final answer is $x+1$. I hope it is correct.", "x+1"],
    ["the answer is, plain", "Therefore the answer is 17.", "17"],
    ["a decimal point is not a sentence end", "the answer is 2.5", "2.5"],
    ["Answer:", "Answer: \\(5\\sqrt{2}\\)", "5\\sqrt{2}"],
    ["the last phrase occurrence", "the answer is 1? Let me re-check: the answer is 2.", "2"],
    ["last math span before last number", "So the area is $12\\sqrt{3}$.", "12\\sqrt{3}"],
    ["last \\( \\) span", "Answer \\( (9+1) \\)", "(9+1)"],
    ["last number as a last resort", "We get 3, then 12", "12"],
    ["last number keeps thousands together", "a total of 1,234", "1234"],
    ["negative last number", "so x = -7", "-7"],
    ["nothing at all", "I do not know.", null],
    ["an empty box is no answer", "\\boxed{}", null],
  ];
  for (const [name, text, want] of cases) test(name, () => assert.equal(extractMathAnswer(text), want));
});

describe("answerText", () => {
  test("the text after the last </think>", () => {
    assert.equal(answerText("<think>a</think>b</think>\n\nc"), "c");
  });
  test("an unclosed think block: no answer (a box inside it is reasoning)", () => {
    assert.equal(answerText("<think>\nthe answer is \\boxed{5}"), null);
  });
  test("no think tags at all: everything is answer", () => {
    assert.equal(answerText("\\boxed{5}"), "\\boxed{5}");
  });
  test("prefilled think, closed: only what follows", () => {
    assert.equal(
      answerText("reasoning \\boxed{4}</think>\n\n\\boxed{5}", { startInReasoning: true }),
      "\\boxed{5}",
    );
  });
  test("prefilled think, never closed: no answer", () => {
    assert.equal(answerText("reasoning \\boxed{4}", { startInReasoning: true }), null);
  });
  test("an empty think block and an answer", () => {
    assert.equal(answerText("<think>\n\n</think>\n\n42"), "42");
  });
});

describe("integerAnswer (AIME)", () => {
  const cases: [string, bigint | null][] = [
    ["033", 33n],
    ["000", 0n],
    ["1{,}000", 1000n],
    ["1,000", 1000n],
    ["90^\\circ", 90n],
    ["\\text{25}", 25n],
    ["204.0", 204n],
    ["-5", -5n],
    ["12345678901234567890", 12345678901234567890n],
    ["204.5", null],
    ["\\frac{408}{2}", null],
    ["x", null],
  ];
  for (const [text, want] of cases) test(text, () => assert.equal(integerAnswer(text), want));
});
