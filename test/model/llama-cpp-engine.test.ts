import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createLlamaCppEngine } from "../../src/engine/llama-cpp/index.js";
import type { Engine } from "../../src/engine/spec.js";
import { DeepthinkError } from "../../src/errors.js";
import { collect, generateText, request } from "../helpers/engine-request.js";
import { randomModelPath, scriptedModelPath } from "../helpers/test-models.js";

const LONG_REASONING = "step ".repeat(60).trim();

async function engineFor(
  reply: string,
  options: { parallel?: number; contextSize?: number; queueLimit?: number } = {},
) {
  return createLlamaCppEngine({
    modelPath: await scriptedModelPath({ reply }),
    threads: 1,
    contextSize: options.contextSize ?? 1024,
    parallel: options.parallel ?? 1,
    ...(options.queueLimit != null ? { queueLimit: options.queueLimit } : {}),
    gpu: false,
  });
}

describe("llama.cpp engine on a scripted model", () => {
  let engine: Engine;
  before(async () => {
    engine = await engineFor("<think>\nsum</think>\n\n\\boxed{4}");
  });
  after(() => engine.close());

  test("streams the reasoning apart from the answer and reports usage and timings", async () => {
    const out = await generateText(engine, request());
    assert.equal(out.reasoning, "sum");
    assert.equal(out.content, "\\boxed{4}");
    assert.equal(out.error, undefined);
    assert.equal(out.finish?.reason, "stop");
    const usage = out.finish!.usage;
    assert.ok(usage.promptTokens > 3, `prompt tokens ${usage.promptTokens}`);
    assert.ok(
      usage.reasoningTokens >= 2 && usage.reasoningTokens < usage.completionTokens,
      JSON.stringify(usage),
    );
    assert.ok(out.finish!.timings.timeToFirstTokenMs >= 0);
    assert.ok(out.finish!.timings.tokensPerSecond > 0);
    // reasoning parts all come before the first answer part
    const kinds = out.parts.filter((p) => p.type !== "finish").map((p) => p.type);
    assert.deepEqual(
      kinds,
      [...kinds].sort((a, b) => (a === b ? 0 : a === "reasoning-delta" ? -1 : 1)),
    );
  });

  test("thinking off prefills an empty think block: no reasoning", async () => {
    const out = await generateText(engine, request({ thinking: { type: "off" } }));
    assert.equal(out.reasoning, "");
    assert.equal(out.content, "\\boxed{4}");
    assert.equal(out.finish?.usage.reasoningTokens, 0);
  });

  test("a second identical request reuses the cached prompt prefix", async () => {
    const out = await generateText(
      engine,
      request({ messages: [{ role: "user", content: "cache me please" }] }),
    );
    const again = await generateText(
      engine,
      request({ messages: [{ role: "user", content: "cache me please" }] }),
    );
    assert.ok(again.finish!.usage.cachedPromptTokens > out.finish!.usage.cachedPromptTokens);
  });

  test("a prompt longer than the context is refused before any output", async () => {
    await assert.rejects(
      engine.generate(request({ messages: [{ role: "user", content: "x".repeat(3000) }] })),
      (e: unknown) => e instanceof DeepthinkError && e.code === "context_length_exceeded",
    );
  });
});

describe("llama.cpp engine limits", () => {
  test("max tokens stops inside the reasoning with finish reason length", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING}</think>done`);
    try {
      const out = await generateText(engine, request({ maxTokens: 5 }));
      assert.equal(out.finish?.reason, "length");
      assert.equal(out.content, "");
      assert.ok(out.reasoning.length > 0 && out.reasoning.length < LONG_REASONING.length);
      assert.equal(out.finish?.usage.completionTokens, 5);
    } finally {
      await engine.close();
    }
  });

  test("a thinking budget closes the think block and the model answers", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING}</think>done`);
    try {
      const out = await generateText(engine, request({ thinking: { type: "budget", tokens: 4 } }));
      assert.ok(out.reasoning.length < LONG_REASONING.length, out.reasoning);
      assert.equal(out.content, "done");
      assert.equal(out.finish?.reason, "stop");
    } finally {
      await engine.close();
    }
  });

  test("stop sequences cut the answer but never the reasoning", async () => {
    const engine = await engineFor("<think>\nwe stop. not here</think>First. Second.");
    try {
      const out = await generateText(engine, request({ stop: ["."] }));
      assert.equal(out.reasoning, "we stop. not here");
      assert.equal(out.content, "First");
      assert.equal(out.finish?.reason, "stop");
    } finally {
      await engine.close();
    }
  });

  test("json_object constrains only the answer: the model still thinks freely", async () => {
    const engine = await engineFor('<think>\nnot json at all</think>{"answer": 4}');
    try {
      const out = await generateText(engine, request({ responseFormat: { type: "json_object" } }));
      assert.equal(out.reasoning, "not json at all");
      assert.deepEqual(JSON.parse(out.content), { answer: 4 });
    } finally {
      await engine.close();
    }
  });
});

describe("llama.cpp engine slots", () => {
  test("an aborted generation frees its slot at once for the next request", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING} ${LONG_REASONING}</think>done`, {
      parallel: 1,
    });
    try {
      const controller = new AbortController();
      const { stream } = await engine.generate(request(), controller.signal);
      const reader = stream.getReader();
      const first = await reader.read();
      assert.equal(first.value?.type, "reasoning-delta");
      controller.abort();
      const rest: string[] = [];
      for (let r = await reader.read(); !r.done; r = await reader.read()) rest.push(r.value.type);
      assert.equal(rest.at(-1), "finish");
      const next = await generateText(engine, request({ maxTokens: 3 }));
      assert.equal(next.finish?.reason, "length");
      assert.deepEqual(engine.stats(), { busySlots: 0, queueDepth: 0 });
    } finally {
      await engine.close();
    }
  });

  test("cancelling the stream (a client going away) also frees the slot", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING}</think>done`, { parallel: 1 });
    try {
      const { stream } = await engine.generate(request());
      const reader = stream.getReader();
      await reader.read();
      await reader.cancel();
      const next = await generateText(engine, request());
      assert.equal(next.content, "done");
    } finally {
      await engine.close();
    }
  });

  test("P requests run together, not one after another", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING}</think>done`, { parallel: 2 });
    try {
      const events: string[] = [];
      const run = async (name: string) => {
        const { stream } = await engine.generate(request({ messages: [{ role: "user", content: name }] }));
        let seen = false;
        for await (const part of stream) {
          if (!seen && part.type === "reasoning-delta") {
            seen = true;
            events.push(`${name}:first`);
          }
          if (part.type === "finish") events.push(`${name}:finish`);
        }
      };
      await Promise.all([run("a"), run("b")]);
      // both started before either finished
      assert.ok(events.indexOf("b:first") < events.indexOf("a:finish"), events.join(" "));
      assert.ok(events.indexOf("a:first") < events.indexOf("b:finish"), events.join(" "));
    } finally {
      await engine.close();
    }
  });

  test("a full queue is refused with queue_full before the first byte", async () => {
    const engine = await engineFor(`<think>\n${LONG_REASONING}</think>done`, { parallel: 1, queueLimit: 1 });
    try {
      const a = await engine.generate(request());
      const b = await engine.generate(request());
      await assert.rejects(engine.generate(request()), (e: unknown) => {
        assert.ok(e instanceof DeepthinkError);
        assert.equal(e.code, "queue_full");
        assert.ok(e.retryAfterSeconds != null);
        return true;
      });
      assert.equal(engine.stats().queueDepth, 1);
      await Promise.all([collect(a.stream), collect(b.stream)]);
    } finally {
      await engine.close();
    }
  });
});

test("the same seed reproduces a sampled generation; another seed differs", async () => {
  const engine = await createLlamaCppEngine({
    modelPath: await randomModelPath(),
    threads: 1,
    contextSize: 512,
    parallel: 1,
    gpu: false,
  });
  try {
    const sample = (seed: number) =>
      generateText(engine, request({ sampling: { temperature: 1, topP: 1, seed }, maxTokens: 24 }));
    const a = await sample(7);
    const b = await sample(7);
    const c = await sample(8);
    const text = (x: typeof a) => x.reasoning + "|" + x.content;
    assert.equal(text(a), text(b));
    assert.notEqual(text(a), text(c));
  } finally {
    await engine.close();
  }
});

test("ignoreEos bans end-of-sequence so generation runs to max tokens (for benchmarks)", async () => {
  const modelPath = await scriptedModelPath({ reply: "<think>\nab</think>done" });
  const engine = await createLlamaCppEngine({
    modelPath,
    threads: 1,
    contextSize: 512,
    parallel: 1,
    gpu: false,
  });
  try {
    const normal = await generateText(engine, request({ maxTokens: 40 }));
    assert.equal(normal.finish?.reason, "stop");
    assert.ok(normal.finish!.usage.completionTokens < 40);
    const forced = await generateText(
      engine,
      request({ maxTokens: 40, ignoreEos: true, sampling: { temperature: 0, topP: 1 } }),
    );
    assert.ok(
      forced.finish!.usage.completionTokens > normal.finish!.usage.completionTokens,
      JSON.stringify(forced.finish),
    );
  } finally {
    await engine.close();
  }
});
