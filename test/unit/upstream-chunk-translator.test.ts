/** Upstream chunks → parts: who splits the reasoning, and usage when the upstream says little. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ReasoningSplitMode } from "../../src/engine/openai-upstream/adapters/adapter.js";
import type { UpstreamChunk } from "../../src/engine/openai-upstream/chunk-schema.js";
import { ChunkTranslator } from "../../src/engine/openai-upstream/chunk-translator.js";

function translator(split: ReasoningSplitMode, startInReasoning = true) {
  let t = 0;
  return new ChunkTranslator({
    split,
    startInReasoning,
    now: () => (t += 10),
    startedAt: 0,
    promptChars: 40,
  });
}

const delta = (d: Record<string, string | null>, finish?: string): UpstreamChunk => ({
  choices: [{ index: 0, delta: d, finish_reason: finish ?? null }],
});

function run(tr: ChunkTranslator, chunks: UpstreamChunk[]) {
  let reasoning = "";
  let content = "";
  for (const part of [...chunks.flatMap((c) => tr.push(c)), ...tr.flush()]) {
    if (part.type === "reasoning-delta") reasoning += part.text;
    else content += part.text;
  }
  return { reasoning, content };
}

describe("who splits the reasoning", () => {
  test("auto: a reasoning field first means the upstream splits; content is the answer", () => {
    const out = run(translator("auto"), [delta({ reasoning: "think" }), delta({ content: "\n\nanswer" })]);
    assert.deepEqual(out, { reasoning: "think", content: "answer" });
  });
  test("auto: DeepSeek's empty reasoning_content first already decides it", () => {
    const out = run(translator("auto"), [
      delta({ content: null, reasoning_content: "" }),
      delta({ content: "answer" }),
    ]);
    assert.deepEqual(out, { reasoning: "", content: "answer" });
  });
  test("auto: content first is raw R1 text, inside the prefilled think block", () => {
    const out = run(translator("auto"), [delta({ content: "think</th" }), delta({ content: "ink>answer" })]);
    assert.deepEqual(out, { reasoning: "think", content: "answer" });
  });
  test("auto with thinking off: raw content that opens no think block is all answer", () => {
    assert.deepEqual(run(translator("auto", false), [delta({ content: "answer" })]), {
      reasoning: "",
      content: "answer",
    });
  });
  test("upstream: content that still opens a think block (R1-0528 on a server without a parser) is split", () => {
    const out = run(translator("upstream"), [delta({ content: "<think>\nhm</think>\n\nOK" })]);
    assert.deepEqual(out, { reasoning: "hm", content: "OK" });
  });
  test("upstream: an answer that was never in a think block stays an answer", () => {
    assert.deepEqual(run(translator("upstream"), [delta({ content: "OK" })]), {
      reasoning: "",
      content: "OK",
    });
  });
  test("none: raw text without </think> is all reasoning (truncated thinking)", () => {
    assert.deepEqual(run(translator("none"), [delta({ content: "still thinking" })]), {
      reasoning: "still thinking",
      content: "",
    });
  });
  test("one delta with both (speculative decoding) keeps the order; both names at once count once", () => {
    const out = run(translator("auto"), [
      delta({ reasoning_content: "a", reasoning: "a" }),
      delta({ reasoning: "b", content: "\nc" }),
    ]);
    assert.deepEqual(out, { reasoning: "ab", content: "c" });
  });
  test("only choice 0 is read", () => {
    const out = run(translator("auto"), [
      { choices: [{ index: 1, delta: { content: "other" } }] },
      delta({ reasoning: "x" }),
    ]);
    assert.deepEqual(out, { reasoning: "x", content: "" });
  });
});

describe("finish, usage and timings", () => {
  test("reported usage wins; DeepSeek's cache hit counts as cached", () => {
    const tr = translator("upstream");
    run(tr, [
      delta({ reasoning_content: "r" }),
      delta({ content: "a" }, "length"),
      { choices: [], usage: { prompt_tokens: 9, completion_tokens: 5, prompt_cache_hit_tokens: 4 } },
    ]);
    const finish = tr.finish(false);
    assert.equal(finish.reason, "length");
    assert.deepEqual(finish.usage, {
      promptTokens: 9,
      cachedPromptTokens: 4,
      completionTokens: 5,
      reasoningTokens: 3,
    });
  });
  test("llama.cpp's timings.cache_n is the cached prompt when usage has no details", () => {
    const tr = translator("upstream");
    run(tr, [
      {
        ...delta({ content: "a" }, "stop"),
        usage: { prompt_tokens: 20, completion_tokens: 1 },
        timings: { cache_n: 12 },
      },
    ]);
    assert.equal(tr.finish(false).usage.cachedPromptTokens, 12);
  });
  test("no usage at all: one token per text chunk, the prompt by characters", () => {
    const tr = translator("auto");
    run(tr, [delta({ reasoning: "abc" }), delta({ reasoning: "def" }), delta({ content: "xy" }, "stop")]);
    const finish = tr.finish(false);
    assert.deepEqual(finish.usage, {
      promptTokens: 10,
      cachedPromptTokens: 0,
      completionTokens: 3,
      reasoningTokens: 2,
    });
    assert.equal(finish.reason, "stop");
    // Clock ticks 10 per call: text at 10, 20, 30; finish at 40.
    assert.equal(finish.timings.timeToFirstTokenMs, 10);
    assert.equal(finish.timings.totalMs, 40);
    assert.equal(finish.timings.tokensPerSecond, 100);
    assert.ok(tr.finished);
  });
  test("an abort says abort whatever the upstream said", () => {
    const tr = translator("auto");
    run(tr, [delta({ content: "x" }, "stop")]);
    assert.equal(tr.finish(true).reason, "abort");
  });
});
