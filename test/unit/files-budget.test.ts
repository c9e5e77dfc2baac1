import assert from "node:assert/strict";
import { test } from "node:test";
import { fitFilesToBudget } from "../../src/files/fit-files.js";
import {
  cutToTokens,
  estimateTokens,
  prefixWithinTokens,
  shareBudget,
  truncationNotice,
} from "../../src/files/token-budget.js";
import { renderFileBlock } from "../../src/protocol/file-template.js";

// A tokenizer with exact, easy arithmetic: one token per word or punctuation run.
const words = (text: string) => text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]+/gu)?.length ?? 0;

test("estimateTokens is an estimate: ~4 characters per token, one per CJK character", () => {
  assert.equal(estimateTokens(""), 0);
  assert.equal(estimateTokens("abcd"), 1);
  assert.equal(estimateTokens("abcde"), 2);
  assert.equal(estimateTokens("你好世界"), 4);
  assert.equal(estimateTokens("R1 你好"), 2 + 1);
});

test("the notice: digits grouped the same on every machine", () => {
  assert.equal(truncationNotice(12345, 20000), "[… truncated: 12,345 of 20,000 tokens shown]");
  assert.equal(truncationNotice(0, 999), "[… truncated: 0 of 999 tokens shown]");
});

test("prefixWithinTokens: the longest prefix in budget, cut at a line or word boundary", () => {
  const text = "one two three four five six seven eight nine ten";
  assert.equal(prefixWithinTokens(text, 3, words), "one two three");
  assert.equal(prefixWithinTokens(text, 100, words), text);
  assert.equal(prefixWithinTokens(text, 0, words), "");
  const codeUnits = (t: string) => t.length;
  assert.equal(prefixWithinTokens("😀😀😀😀", 3, codeUnits), "😀", "never half a surrogate pair");
});

test("cutToTokens: prefix + newline + notice, all within the allowance", () => {
  const text = Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ");
  const cut = cutToTokens(text, 40, words);
  assert.equal(cut.truncated, true);
  assert.equal(cut.totalTokens, 100);
  assert.ok(words(cut.text) <= 40, `${words(cut.text)} tokens`);
  assert.ok(cut.text.endsWith(`\n${truncationNotice(cut.shownTokens, 100)}`));
  assert.ok(cut.text.startsWith("w0 w1 w2"));
  assert.deepEqual(cutToTokens("short", 10, words), {
    text: "short",
    totalTokens: 1,
    shownTokens: 1,
    truncated: false,
  });
});

test("shareBudget: short texts whole, the longest cut to equal size, later ones first on ties", () => {
  assert.deepEqual(shareBudget([10, 20, 30], 100), [10, 20, 30]);
  assert.deepEqual(shareBudget([10, 100, 100], 110), [10, 50, 50]);
  assert.deepEqual(shareBudget([10, 100, 100], 111), [10, 51, 50]);
  assert.deepEqual(shareBudget([5, 5], 0), [0, 0]);
});

test("fitFilesToBudget: everything fits, nothing changes", () => {
  const files = [{ name: "a.txt", content: "tiny" }];
  assert.deepEqual(fitFilesToBudget(files, 1000, words), {
    files,
    truncations: [],
    tokens: words(renderFileBlock(files[0]!)),
  });
});

test("fitFilesToBudget: the long file is cut with a visible notice, the short one stays whole, order kept", () => {
  const long = Array.from({ length: 2000 }, (_, i) => `word${i}`).join(" ");
  const files = [
    { name: "long.txt", content: long, kind: "text" },
    { name: "short.md", content: "a short note", kind: "markdown" },
  ];
  const fitted = fitFilesToBudget(files, 300, words);
  assert.ok(fitted.tokens <= 300);
  assert.equal(words(fitted.files.map(renderFileBlock).join("")), fitted.tokens);
  assert.equal(fitted.files[1]?.content, "a short note");
  assert.equal(fitted.files[0]?.kind, "text", "other fields are kept");
  assert.equal(fitted.truncations.length, 1);
  const [cut] = fitted.truncations;
  assert.equal(cut?.name, "long.txt");
  assert.equal(cut?.index, 0);
  assert.equal(cut?.totalTokens, 2000);
  assert.match(
    fitted.files[0]?.content ?? "",
    /^word0 word1 .*\n\[… truncated: \d+ of 2,000 tokens shown\]$/s,
  );
});

test("fitFilesToBudget: two long files share the budget equally", () => {
  const text = (tag: string) => Array.from({ length: 500 }, (_, i) => `${tag}${i}`).join(" ");
  const fitted = fitFilesToBudget(
    [
      { name: "a", content: text("a") },
      { name: "b", content: text("b") },
    ],
    400,
    words,
  );
  const [a, b] = fitted.truncations;
  assert.ok(a != null && b != null);
  assert.ok(Math.abs(a.shownTokens - b.shownTokens) <= 2, `${a.shownTokens} vs ${b.shownTokens}`);
  assert.ok(fitted.tokens <= 400);
});

test("fitFilesToBudget: no room even for the markers and a notice is a clear context_length_exceeded", () => {
  const files = [{ name: "a.txt", content: "x ".repeat(500) }];
  assert.throws(() => fitFilesToBudget(files, 10, words), {
    code: "context_length_exceeded",
    param: "files",
    message: /The attached files do not fit: 1 file\(s\) of [\d,]+ tokens, and only 10 tokens/,
  });
});

test("with the estimator: a big file is cut under budget", () => {
  const content = "lorem ipsum dolor sit amet ".repeat(20_000);
  const fitted = fitFilesToBudget([{ name: "big.txt", content }], 2000, estimateTokens);
  assert.ok(fitted.tokens <= 2000, String(fitted.tokens));
  assert.ok(fitted.tokens > 1900, "uses the budget");
  assert.match(fitted.files[0]?.content ?? "", /\n\[… truncated: [\d,]+ of 135,000 tokens shown\]$/);
});
