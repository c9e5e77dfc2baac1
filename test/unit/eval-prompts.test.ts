import assert from "node:assert/strict";
import { test } from "node:test";
import { correctLetter } from "../../src/eval/grade-sample.js";
import { buildPrompt } from "../../src/eval/prompts/build-prompt.js";
import { shuffledOrder } from "../../src/eval/prompts/choice-order.js";
import type { Problem } from "../../src/eval/types.js";

const math: Problem = { id: "1", type: "math", question: "What is $1+1$?\n", gold: "2" };
const gpqa: Problem = {
  id: "rec1",
  type: "choice",
  question: "Which?",
  gold: "right",
  options: { correct: "right", incorrect: ["w1", "w2", "w3"] },
};

test("R1 math prompt: the question, a newline, the README's directive; no system prompt anywhere", () => {
  assert.deepEqual(buildPrompt(math, 0, { style: "r1", shuffleSeed: 0 }), {
    prompt: "What is $1+1$?\nPlease reason step by step, and put your final answer within \\boxed{}.",
    choiceOrder: null,
  });
});

test("lighteval math prompt is open-r1's template, byte for byte", () => {
  assert.equal(
    buildPrompt(math, 0, { style: "lighteval", shuffleSeed: 0 }).prompt,
    "Solve the following math problem efficiently and clearly.  The last line of your response should be of the " +
      "following format: 'Therefore, the final answer is: $\\boxed{ANSWER}$. I hope it is correct' (without quotes) " +
      "where ANSWER is just the final number or expression that solves the problem. Think step by step before " +
      "answering.\n\nWhat is $1+1$?\n",
  );
});

test("GPQA: simple-evals template; options shuffled per sample, reproducibly; the order names the gold letter", () => {
  const first = buildPrompt(gpqa, 0, { style: "r1", shuffleSeed: 0 });
  assert.deepEqual(buildPrompt(gpqa, 0, { style: "r1", shuffleSeed: 0 }), first, "same seed, same prompt");
  assert.ok(
    first.prompt.startsWith("Answer the following multiple choice question. The last line of your response"),
  );
  assert.match(first.prompt, /\n\nWhich\?\n\nA\) .+\nB\) .+\nC\) .+\nD\) .+$/);
  const order = first.choiceOrder!;
  const letter = correctLetter(gpqa, { choiceOrder: order });
  assert.match(first.prompt, new RegExp(`\\n${letter}\\) right(\\n|$)`));
  const orders = new Set(
    Array.from({ length: 24 }, (_, i) =>
      JSON.stringify(buildPrompt(gpqa, i, { style: "r1", shuffleSeed: 0 }).choiceOrder),
    ),
  );
  assert.ok(orders.size > 4, "samples see different orders");
  const lighteval = new Set(
    Array.from({ length: 8 }, (_, i) =>
      JSON.stringify(buildPrompt(gpqa, i, { style: "lighteval", shuffleSeed: 0 }).choiceOrder),
    ),
  );
  assert.equal(lighteval.size, 1, "lighteval draws one order per question");
});

test("shuffles are permutations, spread evenly enough to not bias the gold position", () => {
  const positions = [0, 0, 0, 0];
  for (let i = 0; i < 4000; i++) {
    const order = shuffledOrder(4, `k${i}`);
    assert.deepEqual([...order].sort(), [0, 1, 2, 3]);
    positions[order.indexOf(0)]!++;
  }
  for (const count of positions) assert.ok(count > 850 && count < 1150, `${positions}`);
});

test("LiveCodeBench prompt: stdin and starter-code variants", () => {
  const stdin = buildPrompt({ id: "x", type: "code", question: "Sum.", gold: "" }, 0, {
    style: "r1",
    shuffleSeed: 0,
  });
  assert.ok(
    stdin.prompt.startsWith(
      "You will be given a question (problem specification) and will generate a correct Python program",
    ),
  );
  assert.ok(stdin.prompt.includes("Question: Sum.\n\nRead the inputs from stdin"));
  assert.ok(stdin.prompt.endsWith("```python\n# YOUR CODE HERE\n```\n\n"));
  const starter = buildPrompt(
    { id: "y", type: "code", question: "Sum.", gold: "", starterCode: "class Solution:" },
    0,
    {
      style: "r1",
      shuffleSeed: 0,
    },
  );
  assert.ok(
    starter.prompt.endsWith("enclose your code within delimiters.\n```python\nclass Solution:\n```\n\n"),
  );
});
