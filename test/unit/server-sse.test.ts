/**
 * The SSE body on hand-written part sequences (input data, not an engine): [DONE] after a clean finish,
 * an error frame (and no [DONE]) when a part or the engine fails after the first byte, keep-alive
 * comments while nothing arrives, and a cancel that aborts the generation.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { EnginePart } from "../../src/engine/spec.js";
import { DeepthinkError } from "../../src/errors.js";
import { createChunkEncoder, type IndexedPart } from "../../src/server/chunk-encoder.js";
import { createSseBody, type StreamOutcome } from "../../src/server/sse-body.js";
import type { PartSource } from "../../src/server/start-choices.js";

const usage = { promptTokens: 1, cachedPromptTokens: 0, completionTokens: 1, reasoningTokens: 0 };
const finish: EnginePart = {
  type: "finish",
  reason: "stop",
  usage,
  timings: { queuedMs: 0, timeToFirstTokenMs: 0, totalMs: 0, tokensPerSecond: 0 },
};

/** A part source over a fixed list; `holdOpen` never ends after the list (an engine still working). */
function partsSource(parts: EnginePart[], holdOpen = false): PartSource {
  const items: IndexedPart[] = parts.map((part) => ({ index: 0, part }));
  return {
    next: () => {
      const item = items.shift();
      if (item != null) return Promise.resolve(item);
      return holdOpen ? new Promise<undefined>(() => {}) : Promise.resolve(undefined);
    },
  };
}

function body(source: Promise<PartSource>, keepAliveMs = 60_000) {
  const controller = new AbortController();
  let outcome: StreamOutcome | undefined;
  let ended: (o: StreamOutcome) => void = () => {};
  const endedPromise = new Promise<StreamOutcome>((resolve) => {
    ended = resolve;
  });
  const stream = createSseBody({
    source,
    encoder: createChunkEncoder({
      id: "chatcmpl-1",
      created: 1,
      model: "m",
      choices: 1,
      includeUsage: false,
      reasoningFields: "both",
    }),
    keepAliveMs,
    controller,
    requestId: "req_1",
    onEnd: (o) => {
      outcome = o;
      ended(o);
    },
  });
  return { stream, controller, outcome: () => outcome, ended: endedPromise };
}

const frames = (text: string) => text.split("\n\n").filter((f) => f !== "");

test("a clean stream ends with data: [DONE]", async () => {
  const b = body(Promise.resolve(partsSource([{ type: "text-delta", text: "OK" }, finish])));
  const text = await new Response(b.stream).text();
  const all = frames(text);
  assert.equal(all.length, 4);
  assert.equal(all.at(-1), "data: [DONE]");
  assert.match(all[1] ?? "", /"content":"OK"/);
  assert.deepEqual(await b.ended, {});
});

test("an error part after the first byte becomes an OpenAI error frame, and the stream ends", async () => {
  const error = new DeepthinkError("internal", "native crash at 0xdeadbeef");
  const b = body(
    Promise.resolve(
      partsSource(
        [
          { type: "text-delta", text: "O" },
          { type: "error", error },
        ],
        true,
      ),
    ),
  );
  const all = frames(await new Response(b.stream).text());
  const last = JSON.parse((all.at(-1) ?? "").replace(/^data: /, "")) as {
    error: { message: string; type: string };
  };
  assert.equal(last.error.type, "server_error");
  assert.equal(last.error.message, "The server failed while handling this request (request id req_1).");
  assert.ok(!all.includes("data: [DONE]"));
  assert.equal(b.controller.signal.aborted, true, "the other choices are stopped");
  assert.equal((await b.ended).error, error);
});

test("a source that fails after the headers went out gets an error frame too", async () => {
  const b = body(
    Promise.reject(new DeepthinkError("queue_full", "All 1 slots are busy.", { retryAfterSeconds: 2 })),
  );
  const all = frames(await new Response(b.stream).text());
  assert.match(all[0] ?? "", /"role":"assistant"/);
  assert.match(all[1] ?? "", /"type":"rate_limit_error"/);
});

test("a stream that ends without a finish is an error, not a silent [DONE]", async () => {
  const b = body(Promise.resolve(partsSource([{ type: "text-delta", text: "O" }])));
  const all = frames(await new Response(b.stream).text());
  assert.match(all.at(-1) ?? "", /"error"/);
  assert.equal((await b.ended).error?.code, "internal");
});

test("keep-alive comments while nothing arrives; a client that leaves aborts the generation", async () => {
  let release: (s: PartSource) => void = () => {};
  const b = body(
    new Promise((resolve) => {
      release = resolve;
    }),
    20,
  );
  const reader = b.stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  while ((text.match(/: keep-alive/g) ?? []).length < 2) {
    const { value } = await reader.read();
    text += decoder.decode(value);
  }
  assert.match(text, /^data: .*"role":"assistant"/);
  await reader.cancel();
  assert.equal(b.controller.signal.aborted, true);
  assert.equal(b.outcome(), undefined, "the generation is still winding down");
  // The engine ends its stream after the abort; only then is the request over (and logged).
  release(partsSource([{ ...finish, reason: "abort" } as EnginePart]));
  assert.equal((await b.ended).error?.code, "aborted");
});
