import assert from "node:assert/strict";
import { test } from "node:test";
import { citedIndices, parseCitations } from "../../src/protocol/citations.js";

test("markers with a source become citations; the text around them stays text", () => {
  assert.deepEqual(parseCitations("R1 likes 0.6[citation:1]. It is open[citation:2][citation:1].", 2), [
    { type: "text", text: "R1 likes 0.6" },
    { type: "citation", index: 1, text: "[citation:1]" },
    { type: "text", text: ". It is open" },
    { type: "citation", index: 2, text: "[citation:2]" },
    { type: "citation", index: 1, text: "[citation:1]" },
    { type: "text", text: "." },
  ]);
});

test("a marker with no matching source is an unmatched segment (plain text), not a citation", () => {
  const segments = parseCitations("A[citation:3] B[citation:0]", 2);
  assert.deepEqual(segments, [
    { type: "text", text: "A" },
    { type: "unmatched", index: 3, text: "[citation:3]" },
    { type: "text", text: " B" },
    { type: "unmatched", index: 0, text: "[citation:0]" },
  ]);
  assert.deepEqual(parseCitations("x[citation:1]", 0), [
    { type: "text", text: "x" },
    { type: "unmatched", index: 1, text: "[citation:1]" },
  ]);
  // Joining every segment's text gives back the answer exactly.
  assert.equal(segments.map((s) => s.text).join(""), "A[citation:3] B[citation:0]");
});

test("spellings R1 writes: spaces, full-width colon, case, double brackets, lists", () => {
  const kinds = (text: string) =>
    parseCitations(text, 5).map((s) => (s.type === "text" ? s.text : `<${s.index}>`));
  assert.deepEqual(kinds("a[citation: 2 ]b"), ["a", "<2>", "b"]);
  assert.deepEqual(kinds("答案[citation：3]。"), ["答案", "<3>", "。"]);
  assert.deepEqual(kinds("x[Citation:4]"), ["x", "<4>"]);
  assert.deepEqual(kinds("x[[citation:5]]y"), ["x", "<5>", "y"]);
  assert.deepEqual(kinds("x[citation:1, 3]"), ["x", "<1>", "<3>"]);
  assert.deepEqual(kinds("x[citation:2、4]"), ["x", "<2>", "<4>"]);
  const list = parseCitations("[citation:1,9]", 2);
  assert.deepEqual(list, [
    { type: "citation", index: 1, text: "[citation:1]" },
    { type: "unmatched", index: 9, text: "[citation:9]" },
  ]);
});

test("things that are not markers stay text: other brackets, an unfinished marker while streaming", () => {
  assert.deepEqual(parseCitations("see [1] and [citation:x] and [citation:", 3), [
    { type: "text", text: "see [1] and [citation:x] and [citation:" },
  ]);
  assert.deepEqual(parseCitations("", 3), []);
});

test("citedIndices: the sources an answer cites, once each, ascending", () => {
  assert.deepEqual(
    citedIndices(parseCitations("[citation:2]a[citation:1][citation:2][citation:7]", 3)),
    [1, 2],
  );
});
