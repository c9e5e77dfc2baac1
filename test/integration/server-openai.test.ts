/**
 * Conformance with the official `openai` npm SDK: the real server on an ephemeral port, the real
 * llama.cpp engine on scripted tiny models (whose answers are known byte for byte).
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import OpenAI from "openai";
import type { ChatCompletionChunk, ChatCompletionMessage } from "openai/resources/chat/completions";
import pino from "pino";
import { hostFromEngine, startServer } from "../../src/server/index.js";
import {
  eventually,
  type Harness,
  logLineOf,
  MODEL_ALIAS,
  MODEL_ID,
  startHarness,
} from "./server-harness.js";

/** DeepSeek's fields, which the SDK's types do not know. */
type R1Message = ChatCompletionMessage & { reasoning_content?: string | null; reasoning?: string | null };
type R1Delta = ChatCompletionChunk.Choice.Delta & {
  reasoning_content?: string | null;
  reasoning?: string | null;
};

const REPLY = "<think>\nhm</think>Hello, world!";
const user = (content: string) => [{ role: "user" as const, content }];
const clientFor = (url: string, apiKey = "unused") =>
  new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0 });

describe("openai SDK against a scripted model", () => {
  let harness: Harness;
  let client: OpenAI;
  before(async () => {
    harness = await startHarness({ reply: REPLY, parallel: 2 });
    client = clientFor(harness.url);
  });
  after(() => harness.close());

  test("non-stream: reasoning_content and reasoning beside content, finish_reason, usage, request id", async () => {
    const { data, request_id } = await client.chat.completions
      .create({ model: MODEL_ID, messages: user("hi") })
      .withResponse();
    assert.equal(data.object, "chat.completion");
    assert.match(data.id, /^chatcmpl-/);
    assert.equal(data.model, MODEL_ID);
    const choice = data.choices[0]!;
    const message = choice.message as R1Message;
    assert.equal(message.role, "assistant");
    assert.equal(message.content, "Hello, world!");
    assert.equal(message.reasoning_content, "hm");
    assert.equal(message.reasoning, "hm");
    assert.equal(choice.finish_reason, "stop");
    const usage = data.usage!;
    assert.ok(usage.prompt_tokens > 0);
    const reasoningTokens = usage.completion_tokens_details?.reasoning_tokens ?? 0;
    assert.ok(reasoningTokens > 0 && reasoningTokens < usage.completion_tokens, JSON.stringify(usage));
    assert.equal(usage.total_tokens, usage.prompt_tokens + usage.completion_tokens);
    assert.match(request_id ?? "", /^req_/);
    const line = await logLineOf(harness, request_id!);
    assert.equal(line.status, 200);
    assert.equal(line.model, MODEL_ID);
    assert.equal(line.completionTokens, usage.completion_tokens);
    assert.equal(typeof line.ttftMs, "number");
    assert.equal(typeof line.durationMs, "number");
  });

  test("the model answers to its id, its alias and deepseek-reasoner", async () => {
    const models = await client.models.list();
    assert.deepEqual(
      models.data.map((m) => m.id),
      [MODEL_ID, MODEL_ALIAS, "deepseek-reasoner"],
    );
    assert.equal((await client.models.retrieve("deepseek-reasoner")).id, "deepseek-reasoner");
    for (const model of [MODEL_ALIAS, "deepseek-reasoner"]) {
      const out = await client.chat.completions.create({ model, messages: user("hi") });
      assert.equal(out.model, model);
      assert.equal(out.choices[0]?.message.content, "Hello, world!");
    }
  });

  test("stream: role chunk, reasoning deltas, content deltas, finish chunk, usage chunk", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    assert.equal(chunks[0]?.choices[0]?.delta.role, "assistant");
    let reasoning = "";
    let reasoningAlt = "";
    let content = "";
    const order: string[] = [];
    for (const chunk of chunks) {
      const delta = chunk.choices[0]?.delta as R1Delta | undefined;
      if (delta?.reasoning_content != null) {
        reasoning += delta.reasoning_content;
        order.push("r");
      }
      if (delta?.reasoning != null) reasoningAlt += delta.reasoning;
      if (delta?.content != null && delta.content !== "") {
        content += delta.content;
        order.push("c");
      }
    }
    assert.equal(reasoning, "hm");
    assert.equal(reasoningAlt, "hm");
    assert.equal(content, "Hello, world!");
    assert.deepEqual(order, [...order].sort().reverse(), "all reasoning before any content");
    const finishes = chunks.filter((c) => c.choices[0]?.finish_reason != null);
    assert.equal(finishes.length, 1);
    assert.equal(finishes[0]?.choices[0]?.finish_reason, "stop");
    const last = chunks.at(-1)!;
    assert.deepEqual(last.choices, []);
    assert.ok((last.usage?.completion_tokens_details?.reasoning_tokens ?? 0) > 0);
    for (const chunk of chunks.slice(0, -1)) assert.equal(chunk.usage, null);
  });

  test("a stream without include_usage carries no usage", async () => {
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      stream: true,
    });
    for await (const chunk of stream) assert.equal(chunk.usage, undefined);
  });

  test("n = 2: two indexed choices, streamed and not", async () => {
    const out = await client.chat.completions.create({ model: MODEL_ID, messages: user("hi"), n: 2 });
    assert.deepEqual(
      out.choices.map((c) => [c.index, c.message.content, c.finish_reason]),
      [
        [0, "Hello, world!", "stop"],
        [1, "Hello, world!", "stop"],
      ],
    );
    const stream = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      n: 2,
      stream: true,
    });
    const content = ["", ""];
    const finished = new Set<number>();
    for await (const chunk of stream) {
      for (const choice of chunk.choices) {
        content[choice.index] += choice.delta.content ?? "";
        if (choice.finish_reason != null) finished.add(choice.index);
      }
    }
    assert.deepEqual(content, ["Hello, world!", "Hello, world!"]);
    assert.deepEqual([...finished].sort(), [0, 1]);
  });

  test("stop sequences cut the answer; max_tokens ends with finish_reason length", async () => {
    const stopped = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      stop: ["world"],
    });
    assert.equal(stopped.choices[0]?.message.content, "Hello, ");
    assert.equal(stopped.choices[0]?.finish_reason, "stop");
    const single = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      stop: ", ",
    });
    assert.equal(single.choices[0]?.message.content, "Hello");
    const cut = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      max_tokens: 2,
    });
    assert.equal(cut.choices[0]?.finish_reason, "length");
    assert.equal(cut.usage?.completion_tokens, 2);
    const cutNew = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      max_completion_tokens: 3,
    });
    assert.equal(cutNew.usage?.completion_tokens, 3);
  });

  test("thinking off, as DeepSeek's thinking field and as reasoning_effort: no reasoning", async () => {
    const bodies = [
      { thinking: { type: "disabled" } },
      { reasoning_effort: "none" },
      { chat_template_kwargs: { enable_thinking: false } },
    ];
    for (const extra of bodies) {
      const out = await client.chat.completions.create({
        model: MODEL_ID,
        messages: user("hi"),
        ...extra,
      } as never);
      const message = out.choices[0]?.message as R1Message;
      assert.equal(message.content, "Hello, world!", JSON.stringify(extra));
      assert.equal(message.reasoning_content, null, JSON.stringify(extra));
      assert.equal(out.usage?.completion_tokens_details?.reasoning_tokens, 0);
    }
  });

  test("protocol warnings are surfaced in a header and in the body", async () => {
    const { data, response } = await client.chat.completions
      .create({
        model: MODEL_ID,
        messages: [{ role: "system", content: "be brief" }, ...user("hi")],
        temperature: 0,
      })
      .withResponse();
    assert.equal(
      response.headers.get("x-deepthink-warnings"),
      "system_prompt_folded, temperature_out_of_range",
    );
    const warnings = (data as unknown as { warnings: Array<{ code: string }> }).warnings;
    assert.deepEqual(warnings.map((w) => w.code).sort(), [
      "system_prompt_folded",
      "temperature_out_of_range",
    ]);
  });

  test("error classes: 400 BadRequestError with param, 404 NotFoundError", async () => {
    await assert.rejects(
      client.chat.completions.create({ model: MODEL_ID, messages: [] }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "messages" && e.status === 400,
    );
    await assert.rejects(
      client.chat.completions.create({ model: MODEL_ID, messages: user("hi"), temperature: "hot" as never }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "temperature",
    );
    await assert.rejects(
      client.chat.completions.create({ model: MODEL_ID, messages: user("hi"), temperature: 5 }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "temperature",
    );
    await assert.rejects(
      client.chat.completions.create({ model: MODEL_ID, messages: user("x".repeat(5000)) }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.code === "context_length_exceeded",
    );
    await assert.rejects(
      client.chat.completions.create({ model: "gpt-4o", messages: user("hi") }),
      (e: unknown) =>
        e instanceof OpenAI.NotFoundError && e.code === "model_not_found" && e.param === "model",
    );
    await assert.rejects(
      client.chat.completions.create({ model: MODEL_ID, messages: user("hi"), stream: true, logprobs: true }),
      (e: unknown) => e instanceof OpenAI.BadRequestError && e.param === "logprobs",
    );
  });

  test("401 AuthenticationError without the right key", async () => {
    // A second server over the same engine, this one with keys.
    const guarded = await startServer({
      models: hostFromEngine(harness.engine),
      logger: pino({ level: "silent" }),
      port: 0,
      apiKeys: ["sk-right"],
    });
    try {
      await assert.rejects(
        clientFor(guarded.url, "sk-wrong").models.list(),
        (e: unknown) => e instanceof OpenAI.AuthenticationError,
      );
      const ok = await clientFor(guarded.url, "sk-right").chat.completions.create({
        model: MODEL_ID,
        messages: user("hi"),
      });
      assert.equal(ok.choices[0]?.message.content, "Hello, world!");
    } finally {
      await guarded.close();
    }
  });
});

describe("openai SDK: abort frees the slot at once", () => {
  /** About 500 tokens: long enough to hold a slot for a second or two on the tiny model. */
  const LONG = `<think>\n${Array.from({ length: 500 }, (_, i) => `w${i}`).join(" ")}</think>done`;
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ reply: LONG, parallel: 1, contextSize: 2048 });
  });
  after(() => harness.close());

  test("abort mid-stream, then another request is served on the only slot", async () => {
    const client = clientFor(harness.url);
    const full = await client.chat.completions.create({ model: MODEL_ID, messages: user("hi") });
    const fullTokens = full.usage!.completion_tokens;

    const { data: stream, request_id } = await client.chat.completions
      .create({ model: MODEL_ID, messages: user("hi"), stream: true })
      .withResponse();
    let seen = 0;
    for await (const chunk of stream) {
      if ((chunk.choices[0]?.delta as R1Delta | undefined)?.reasoning_content != null) seen++;
      if (seen === 2) break; // leaving the loop aborts the request
    }
    await eventually(() => harness.engine.stats().busySlots === 0);
    const next = await client.chat.completions.create({
      model: MODEL_ID,
      messages: user("hi"),
      max_tokens: 4,
    });
    assert.equal(next.choices[0]?.finish_reason, "length");
    const line = await logLineOf(harness, request_id!);
    assert.equal(line.status, 200);
    assert.equal(line.error, "aborted");
    // The log counts what was generated before the abort: a few tokens, far from the whole reply.
    const generated = line.completionTokens ?? Number.NaN;
    assert.ok(generated >= 2 && generated < fullTokens / 2, `${generated} of ${fullTokens}`);
  });
});

describe("openai SDK: seeds on a random-weight model", () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ parallel: 1 });
  });
  after(() => harness.close());

  test("the same seed gives the same output; another seed another", async () => {
    const client = clientFor(harness.url);
    const ask = async (seed: number) => {
      const out = await client.chat.completions.create({
        model: MODEL_ID,
        messages: user("hi"),
        seed,
        temperature: 1,
        max_tokens: 24,
      });
      const message = out.choices[0]?.message as R1Message;
      return `${message.reasoning_content ?? ""}|${message.content}`;
    };
    const a = await ask(7);
    assert.equal(await ask(7), a);
    assert.notEqual(await ask(8), a);
  });
});
