import assert from "node:assert/strict";
import { test } from "node:test";
import type { EnginePart, Usage } from "../../src/engine/spec.js";
import { DeepthinkError } from "../../src/errors.js";
import {
  type ChunkEncoderOptions,
  createChunkEncoder,
  type IndexedPart,
} from "../../src/server/chunk-encoder.js";
import { createChunkFold } from "../../src/server/fold-chunks.js";

const usage: Usage = { promptTokens: 10, cachedPromptTokens: 4, completionTokens: 6, reasoningTokens: 3 };
const timings = { queuedMs: 0, timeToFirstTokenMs: 1, totalMs: 2, tokensPerSecond: 3 };
const finish = (reason: "stop" | "length" = "stop"): EnginePart => ({
  type: "finish",
  reason,
  usage,
  timings,
});
const options = (over: Partial<ChunkEncoderOptions> = {}): ChunkEncoderOptions => ({
  id: "chatcmpl-x",
  created: 1700000000,
  model: "m",
  choices: 1,
  includeUsage: false,
  reasoningFields: "both",
  ...over,
});
const at = (index: number, parts: EnginePart[]): IndexedPart[] => parts.map((part) => ({ index, part }));

function encodeAll(opts: ChunkEncoderOptions, items: IndexedPart[]) {
  const encoder = createChunkEncoder(opts);
  return [...encoder.start(), ...items.flatMap((item) => encoder.encode(item))];
}

test("a stream is a role chunk, reasoning deltas in both fields, content deltas, then the finish chunk", () => {
  const frames = encodeAll(
    options(),
    at(0, [{ type: "reasoning-delta", text: "hm" }, { type: "text-delta", text: "OK" }, finish()]),
  );
  const deltas = frames.map((f) => (f.kind === "chunk" ? f.chunk.choices[0] : undefined));
  assert.deepEqual(
    deltas.map((c) => c?.delta),
    [{ role: "assistant", content: "" }, { reasoning_content: "hm", reasoning: "hm" }, { content: "OK" }, {}],
  );
  assert.deepEqual(
    deltas.map((c) => c?.finish_reason),
    [null, null, null, "stop"],
  );
  for (const f of frames) {
    assert.equal(f.kind, "chunk");
    if (f.kind === "chunk") {
      assert.equal(f.chunk.object, "chat.completion.chunk");
      assert.equal("usage" in f.chunk, false, "no usage field unless include_usage");
    }
  }
});

test("include_usage adds usage: null to every chunk and a last chunk with no choices", () => {
  const frames = encodeAll(
    options({ includeUsage: true }),
    at(0, [{ type: "text-delta", text: "a" }, finish("length")]),
  );
  const last = frames.at(-1);
  assert.ok(last?.kind === "chunk");
  assert.deepEqual(last.chunk.choices, []);
  assert.deepEqual(last.chunk.usage, {
    prompt_tokens: 10,
    completion_tokens: 6,
    total_tokens: 16,
    prompt_tokens_details: { cached_tokens: 4 },
    completion_tokens_details: { reasoning_tokens: 3 },
    prompt_cache_hit_tokens: 4,
    prompt_cache_miss_tokens: 6,
  });
  for (const f of frames.slice(0, -1)) assert.ok(f.kind === "chunk" && f.chunk.usage === null);
});

test("n choices: one role chunk each, finish per index, usage once after the last finish", () => {
  const encoder = createChunkEncoder(options({ choices: 2, includeUsage: true }));
  assert.equal(encoder.start().length, 2);
  assert.equal(encoder.encode({ index: 1, part: finish() }).length, 1);
  assert.equal(encoder.done, false);
  const end = encoder.encode({ index: 0, part: finish() });
  assert.equal(end.length, 2);
  assert.equal(encoder.done, true);
  const usageFrame = end[1];
  assert.ok(usageFrame?.kind === "chunk");
  // The prompt is counted once, the generated tokens of both choices added up.
  assert.equal(usageFrame.chunk.usage?.prompt_tokens, 10);
  assert.equal(usageFrame.chunk.usage?.completion_tokens, 12);
  assert.equal(usageFrame.chunk.usage?.completion_tokens_details.reasoning_tokens, 6);
});

test("an error part ends the encoding with an error frame", () => {
  const encoder = createChunkEncoder(options());
  const error = new DeepthinkError("internal", "boom");
  assert.deepEqual(encoder.encode({ index: 0, part: { type: "error", error } }), [{ kind: "error", error }]);
  assert.equal(encoder.done, true);
  assert.deepEqual(encoder.encode({ index: 0, part: finish() }), []);
});

test("reasoningFields picks the field name", () => {
  const only = (fields: "reasoning" | "reasoning_content") =>
    encodeAll(options({ reasoningFields: fields }), at(0, [{ type: "reasoning-delta", text: "r" }]))[1];
  const a = only("reasoning");
  const b = only("reasoning_content");
  assert.ok(a?.kind === "chunk" && b?.kind === "chunk");
  assert.deepEqual(a.chunk.choices[0]?.delta, { reasoning: "r" });
  assert.deepEqual(b.chunk.choices[0]?.delta, { reasoning_content: "r" });
});

test("the non-stream body is the fold of the same frames", () => {
  const fold = createChunkFold("both");
  const frames = encodeAll(options({ choices: 2, includeUsage: true }), [
    ...at(1, [{ type: "text-delta", text: "B" }, finish("length")]),
    ...at(0, [
      { type: "reasoning-delta", text: "r1 " },
      { type: "reasoning-delta", text: "r2" },
    ]),
    ...at(0, [{ type: "text-delta", text: "A" }, finish()]),
  ]);
  for (const frame of frames) fold.add(frame);
  const result = fold.result();
  assert.equal(result.object, "chat.completion");
  assert.equal(result.id, "chatcmpl-x");
  assert.deepEqual(
    result.choices.map((c) => [c.index, c.message, c.finish_reason]),
    [
      [0, { role: "assistant", content: "A", reasoning_content: "r1 r2", reasoning: "r1 r2" }, "stop"],
      [1, { role: "assistant", content: "B", reasoning_content: null, reasoning: null }, "length"],
    ],
  );
  assert.equal(result.usage.completion_tokens, 12);
});

test("the fold throws the error of an error frame", () => {
  const fold = createChunkFold("both");
  const error = new DeepthinkError("context_length_exceeded", "too long");
  assert.throws(
    () => fold.add({ kind: "error", error }),
    (e) => e === error,
  );
});
