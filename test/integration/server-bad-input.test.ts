/**
 * Bad input over raw HTTP against the real server and engine: each mistake gets a clear 4xx (or 429 with
 * Retry-After when the queue is full), the server keeps serving, and the log holds no stack trace.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { eventually, type Harness, MODEL_ID, startHarness } from "./server-harness.js";

/** About 500 tokens: long enough to hold a slot for a second or two on the tiny model. */
const LONG = `<think>\n${Array.from({ length: 500 }, (_, i) => `w${i}`).join(" ")}</think>done`;

interface ErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

describe("bad input over raw HTTP", () => {
  let harness: Harness;
  const chat = (body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(`${harness.url}/v1/chat/completions`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json", ...headers },
    });
  const json = (value: unknown) => chat(JSON.stringify(value));
  const expectError = async (res: Response, status: number, pattern: RegExp, param?: string | null) => {
    assert.equal(res.status, status);
    assert.match(res.headers.get("content-type") ?? "", /application\/json/);
    const body = (await res.json()) as ErrorBody;
    assert.match(body.error.message, pattern);
    if (param !== undefined) assert.equal(body.error.param, param);
    return body;
  };
  const stillServing = async () => {
    const res = await json({ model: MODEL_ID, messages: [{ role: "user", content: "hi" }], max_tokens: 3 });
    assert.equal(res.status, 200);
    await res.json();
  };

  before(async () => {
    harness = await startHarness({
      reply: LONG,
      parallel: 1,
      queueLimit: 1,
      contextSize: 2048,
      limits: { maxBodyBytes: 256 * 1024, keepAliveMs: 100 },
    });
  });
  after(() => harness.close());

  test("malformed JSON, wrong types, empty and missing fields: 400 naming the field", async () => {
    await expectError(await chat('{"model": '), 400, /not valid JSON/, null);
    await expectError(await chat("null"), 400, /must be a JSON object/, null);
    await expectError(await json({ model: MODEL_ID }), 400, /'messages' is required/, "messages");
    await expectError(await json({ model: MODEL_ID, messages: [] }), 400, /at least one message/, "messages");
    await expectError(await json({ model: 42, messages: [] }), 400, /'model' must be a string/, "model");
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: "" }] }),
      400,
      /non-empty/,
      "messages[0].content",
    );
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "robot", content: "x" }] }),
      400,
      /must be one of/,
      "messages[0].role",
    );
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: [{ type: "image_url" }] }] }),
      400,
      /only text parts/,
      "messages[0].content[0].type",
    );
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: "x" }], max_tokens: -1 }),
      400,
      /max_tokens/,
      "max_tokens",
    );
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: "x" }], stream: "yes" }),
      400,
      /'stream' must be a boolean/,
      "stream",
    );
    await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "tool", content: "x", tool_call_id: "1" }] }),
      400,
      /tool calling/,
      "messages[0].role",
    );
    await stillServing();
  });

  test("invalid UTF-8 is a 400; unknown fields are ignored", async () => {
    const bytes = new TextEncoder().encode(
      `{"model":"${MODEL_ID}","messages":[{"role":"user","content":"x"}]}`,
    );
    const broken = new Uint8Array([...bytes.slice(0, 40), 0xc3, 0x28, ...bytes.slice(40)]);
    await expectError(await chat(broken), 400, /not valid UTF-8/, null);
    const res = await json({
      model: MODEL_ID,
      messages: [{ role: "user", content: "x", weird: true }],
      max_tokens: 3,
      frobnicate: { a: 1 },
      user: "u-1",
      metadata: { any: "thing" },
    });
    assert.equal(res.status, 200);
    await res.json();
  });

  test("an unknown model is a 404; a prompt beyond the context a 400; a body over the limit a 413", async () => {
    await expectError(
      await json({ model: "deepseek-chat", messages: [{ role: "user", content: "x" }] }),
      404,
      /'deepseek-chat' does not exist/,
      "model",
    );
    const huge = await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: "word ".repeat(20_000) }] }),
      400,
      /context holds 2048/,
      "messages",
    );
    assert.equal(huge.error.code, "context_length_exceeded");
    const oversized = await expectError(
      await json({ model: MODEL_ID, messages: [{ role: "user", content: "x".repeat(1024 * 1024) }] }),
      413,
      /larger than the server's limit/,
      null,
    );
    assert.equal(oversized.error.code, "body_too_large");
    await stillServing();
  });

  test("too many concurrent requests: 429 with Retry-After; keep-alive comments while queued", async () => {
    const queued = new AbortController();
    const body = JSON.stringify({
      model: MODEL_ID,
      messages: [{ role: "user", content: "hi" }],
      stream: true,
    });
    const first = await chat(body);
    assert.equal(first.status, 200);
    // The only slot is busy: the next request waits in the queue (limit 1) and hears keep-alives.
    const second = await fetch(`${harness.url}/v1/chat/completions`, {
      method: "POST",
      body,
      headers: { "content-type": "application/json" },
      signal: queued.signal,
    });
    assert.equal(second.status, 200);
    await eventually(() => harness.engine.stats().queueDepth === 1);
    const third = await chat(body);
    const refused = await expectError(third, 429, /slots are busy/);
    assert.equal(refused.error.type, "rate_limit_error");
    assert.match(third.headers.get("retry-after") ?? "", /^\d+$/);

    const reader = second.body!.getReader();
    let text = "";
    while (!text.includes(": keep-alive\n\n")) {
      const { done, value } = await reader.read();
      assert.equal(done, false, "the queued stream ended before any keep-alive");
      text += new TextDecoder().decode(value);
    }
    assert.ok(text.startsWith("data: "), "the role chunk goes out first");
    // Both clients leave: their generations stop and the slot and queue empty at once.
    queued.abort();
    await first.body?.cancel();
    await eventually(() => harness.engine.stats().busySlots === 0 && harness.engine.stats().queueDepth === 0);
    await stillServing();
  });

  test("no log line carries a stack trace for a client mistake", () => {
    assert.ok(harness.logs.length > 10);
    for (const line of harness.logs) {
      assert.equal(line.err, undefined, JSON.stringify(line));
      assert.ok(line.level < 50, JSON.stringify(line));
    }
  });
});
