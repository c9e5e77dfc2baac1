import assert from "node:assert/strict";
import { test } from "node:test";
import { chunkText } from "../../src/search/chunk-text.js";
import { buildFtsQuery, queryTerms, segmentForIndex, snippetAround } from "../../src/search/fts-query.js";
import { isoDate, isWebUrl, plainText } from "../../src/search/plain-text.js";

test("plainText: tags removed, entities decoded, whitespace collapsed", () => {
  assert.equal(
    plainText("<strong>DeepSeek</strong>-R1 &amp; co &#39;x&#39; &#x4f60;&nbsp;ok"),
    "DeepSeek-R1 & co 'x' 你 ok",
  );
  assert.equal(plainText("&constructor; &bogus; &#0;"), "&constructor; &bogus; \uFFFD");
});

test("isWebUrl and isoDate", () => {
  assert.ok(isWebUrl("https://a.test/x"));
  assert.ok(!isWebUrl("magnet:?xt=urn:btih:abc"));
  assert.ok(!isWebUrl("javascript:alert(1)"));
  assert.ok(!isWebUrl("not a url"));
  assert.equal(isoDate("2025-01-22T00:00:00"), "2025-01-22T00:00:00");
  assert.equal(isoDate("Mon, 20 Jan 2025 10:00:00 GMT"), "2025-01-20T10:00:00.000Z");
  assert.equal(isoDate("3 days ago"), undefined);
  assert.equal(isoDate(null), undefined);
});

test("chunkText: paragraphs packed up to the limit, long ones split at sentences", () => {
  const p = (n: number) => `Paragraph ${n} ${"word ".repeat(20).trim()}.`;
  const text = [p(1), p(2), p(3), p(4)].join("\n\n");
  const chunks = chunkText(text, 260);
  assert.equal(chunks.length, 2);
  assert.equal(chunks[0], `${p(1)}\n\n${p(2)}`);
  const long = "One sentence here. ".repeat(40).trim();
  const pieces = chunkText(long, 200);
  assert.ok(pieces.every((c) => c.length <= 200));
  assert.ok(
    pieces.every((c) => c.endsWith(".")),
    "cut at sentence ends",
  );
  assert.equal(pieces.join(" "), long);
  assert.deepEqual(chunkText("  \n\n "), []);
});

test("CJK is spaced apart for FTS5; queries become OR-ed quoted terms and character pairs", () => {
  assert.equal(segmentForIndex("用DeepSeek搜索"), " 用 DeepSeek 搜  索 ");
  assert.deepEqual(queryTerms("What's BM25 ranking? 搜索引擎"), ["what", "s", "bm25", "ranking", "搜索引擎"]);
  assert.equal(buildFtsQuery("bm25 ranking"), '"bm25" OR "ranking"');
  assert.equal(buildFtsQuery("搜索引擎"), '"搜 索" OR "索 引" OR "引 擎"');
  assert.equal(buildFtsQuery("猫"), '"猫"');
  assert.equal(
    buildFtsQuery('a AND "b" NEAR(c) *'),
    '"a" OR "and" OR "b" OR "near" OR "c"',
    "operators are words",
  );
  assert.equal(buildFtsQuery("?! ..."), null);
});

test("snippetAround: a window around the first hit, cut on word boundaries with ellipses", () => {
  const text = `${"filler ".repeat(100)}the BM25 ranking function scores documents ${"tail ".repeat(100)}`;
  const snippet = snippetAround(text, ["bm25"], 120);
  assert.ok(snippet.startsWith("…") && snippet.endsWith("…"));
  assert.ok(snippet.includes("the BM25 ranking function"));
  assert.ok(snippet.length <= 122);
  assert.equal(snippetAround("short text", ["x"]), "short text");
});
