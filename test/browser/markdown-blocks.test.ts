/**
 * The app's pure Markdown helpers: the block splitter that keeps streaming rendering linear, and the
 * rewrite of R1's `\( \)` / `\[ \]` maths delimiters (never inside code).
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { normalizeMathDelimiters } from "../../web/src/markdown/math-delimiters.js";
import { splitBlocks } from "../../web/src/markdown/split-blocks.js";

test("blocks split at blank lines, the unfinished last one left open", () => {
  const text = "# Title\n\nFirst paragraph\nstill first.\n\n\nSecond\n\nThird, still stream";
  const { blocks, tailStart } = splitBlocks(text);
  assert.deepEqual(blocks, ["# Title\n", "First paragraph\nstill first.\n", "Second\n"]);
  assert.equal(text.slice(tailStart), "Third, still stream");
});

test("no split inside code fences or maths blocks, nor before an indented continuation", () => {
  const text = [
    "```python",
    "a = 1",
    "",
    "b = 2",
    "```",
    "",
    "$$",
    "x",
    "",
    "y",
    "$$",
    "",
    "\\[",
    "z",
    "",
    "\\]",
    "",
    "1. item",
    "",
    "   more of the item",
    "",
    "end",
    "",
  ].join("\n");
  const { blocks, tailStart } = splitBlocks(text);
  assert.deepEqual(blocks, [
    "```python\na = 1\n\nb = 2\n```\n",
    "$$\nx\n\ny\n$$\n",
    "\\[\nz\n\n\\]\n",
    "1. item\n\n   more of the item\n",
  ]);
  assert.equal(text.slice(tailStart), "end\n");
});

test("resuming from the tail gives the same blocks as splitting from the start", () => {
  const text = "one\n\ntwo\n\n```\ncode\n\nmore\n```\n\nthree\n\nfour";
  const whole = splitBlocks(text);
  for (let cut = 0; cut <= text.length; cut++) {
    const early = splitBlocks(text.slice(0, cut));
    const rest = splitBlocks(text, early.tailStart);
    assert.deepEqual([...early.blocks, ...rest.blocks], whole.blocks, `cut at ${cut}`);
    assert.equal(rest.tailStart, whole.tailStart);
  }
});

test("R1's maths delimiters become remark-math's, outside code only", () => {
  assert.equal(normalizeMathDelimiters("Area \\(\\pi r^2\\) here."), "Area $\\pi r^2$ here.");
  assert.equal(normalizeMathDelimiters("So\n\\[\nx = 1\n\\]\ndone"), "So\n\n$$\nx = 1\n$$\n\ndone");
  assert.equal(normalizeMathDelimiters("Code `\\(x\\)` stays"), "Code `\\(x\\)` stays");
  const fenced = "```latex\n\\[ a \\]\n```\nthen \\(b\\)";
  assert.equal(normalizeMathDelimiters(fenced), "```latex\n\\[ a \\]\n```\nthen $b$");
  assert.equal(normalizeMathDelimiters("no maths at all"), "no maths at all");
});
