/**
 * Conformance with the Vercel AI SDK: `@ai-sdk/deepseek` (DeepSeek's own provider, base URL without /v1)
 * and `@ai-sdk/openai-compatible` read our reasoning and text as separate parts.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createDeepSeek } from "@ai-sdk/deepseek";
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText, streamText } from "ai";
import { type Harness, MODEL_ID, startHarness } from "./server-harness.js";

describe("AI SDK against a scripted model", () => {
  let harness: Harness;
  before(async () => {
    harness = await startHarness({ reply: "<think>\nLet me think.</think>The answer is 4.", parallel: 2 });
  });
  after(() => harness.close());

  test("@ai-sdk/deepseek generateText: reasoning and text apart, usage with reasoning tokens", async () => {
    const deepseek = createDeepSeek({ baseURL: harness.url, apiKey: "unused" });
    const result = await generateText({
      model: deepseek("deepseek-reasoner"),
      prompt: "2+2?",
      maxRetries: 0,
    });
    assert.equal(result.reasoningText, "Let me think.");
    assert.equal(result.text, "The answer is 4.");
    assert.equal(result.finishReason, "stop");
    assert.ok((result.usage.outputTokenDetails.reasoningTokens ?? 0) > 0, JSON.stringify(result.usage));
  });

  test("@ai-sdk/deepseek streamText: reasoning deltas, then text deltas", async () => {
    const deepseek = createDeepSeek({ baseURL: harness.url, apiKey: "unused" });
    const result = streamText({ model: deepseek("deepseek-reasoner"), prompt: "2+2?", maxRetries: 0 });
    const kinds: string[] = [];
    let reasoning = "";
    let text = "";
    for await (const part of result.fullStream) {
      if (part.type === "error") throw part.error;
      if (part.type === "reasoning-delta") reasoning += part.text;
      if (part.type === "text-delta") text += part.text;
      if (kinds.at(-1) !== part.type) kinds.push(part.type);
    }
    assert.equal(reasoning, "Let me think.");
    assert.equal(text, "The answer is 4.");
    const order = kinds.filter((k) => k === "reasoning-delta" || k === "text-delta");
    assert.deepEqual(order, ["reasoning-delta", "text-delta"]);
    assert.equal(await result.finishReason, "stop");
    assert.ok(((await result.usage).outputTokenDetails.reasoningTokens ?? 0) > 0);
  });

  test("@ai-sdk/deepseek: a multi-turn conversation sends reasoning back and is still served", async () => {
    const deepseek = createDeepSeek({ baseURL: `${harness.url}/v1`, apiKey: "unused" });
    const first = await generateText({ model: deepseek("deepseek-reasoner"), prompt: "2+2?", maxRetries: 0 });
    const second = await generateText({
      model: deepseek("deepseek-reasoner"),
      messages: [
        { role: "user", content: "2+2?" },
        ...first.response.messages,
        { role: "user", content: "sure?" },
      ],
      maxRetries: 0,
    });
    assert.equal(second.text, "The answer is 4.");
  });

  test("@ai-sdk/openai-compatible generateText and streamText read reasoning_content", async () => {
    const provider = createOpenAICompatible({
      name: "deepthink",
      baseURL: `${harness.url}/v1`,
      apiKey: "unused",
      includeUsage: true,
    });
    const result = await generateText({ model: provider.chatModel(MODEL_ID), prompt: "2+2?", maxRetries: 0 });
    assert.equal(result.reasoningText, "Let me think.");
    assert.equal(result.text, "The answer is 4.");

    const streamed = streamText({ model: provider.chatModel(MODEL_ID), prompt: "2+2?", maxRetries: 0 });
    assert.equal(await streamed.reasoningText, "Let me think.");
    assert.equal(await streamed.text, "The answer is 4.");
    const usage = await streamed.usage;
    assert.ok((usage.outputTokens ?? 0) > (usage.outputTokenDetails.reasoningTokens ?? 0));
  });

  test("@ai-sdk/openai-compatible: an API error surfaces as an APICallError with our message", async () => {
    const provider = createOpenAICompatible({ name: "deepthink", baseURL: `${harness.url}/v1` });
    await assert.rejects(
      generateText({ model: provider.chatModel("gpt-4o"), prompt: "hi", maxRetries: 0 }),
      (e: unknown) => e instanceof Error && /does not exist on this server/.test(e.message),
    );
  });
});
