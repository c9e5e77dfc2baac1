import assert from "node:assert/strict";
import { test } from "node:test";
import { extractCode } from "../../src/eval/graders/code-extract.js";

const F = "```";

test("the last fenced block of the answer is the program", () => {
  const response = `First try:\n${F}python\nprint(1)\n${F}\nBetter:\n${F}python\nprint(2)\n${F}\nDone.`;
  assert.equal(extractCode(response), "print(2)");
});

test("reasoning is stripped first: code drafted while thinking does not count", () => {
  assert.equal(extractCode(`<think>\n${F}python\nprint(1)\n${F}\n</think>\nNo code, sorry.`), null);
  assert.equal(extractCode(`<think>\n${F}\nx\n${F}\n</think>\n\n${F}py\nprint(2)\n${F}`), "print(2)");
  // The prefilled template: no opening tag, only the close.
  assert.equal(extractCode(`Let me think.\n</think>\n${F}\nprint(3)\n${F}`), "print(3)");
});

test("a think block that never closes has no answer", () => {
  assert.equal(extractCode(`<think>\nworking...\n${F}python\nprint(1)\n${F}\n`), null);
});

test("fewer than two fence lines means no program", () => {
  assert.equal(extractCode("print(1)"), null);
  assert.equal(extractCode(`${F}python\nprint(1)\n`), null); // cut off before the closing fence
});

test("LiveCodeBench's line rule: any line containing a fence counts, the block between the last two is taken", () => {
  // An unclosed block after a closed one: the text between the closing and the opening fence (LCB does the same).
  assert.equal(extractCode(`${F}\na\n${F}\nprose\n${F}python\nb`), "prose");
  assert.equal(extractCode(`Code: ${F}python\nx = 1\nprint(x)\n${F} end`), "x = 1\nprint(x)");
  assert.equal(extractCode(`${F}\n${F}`), "");
});
