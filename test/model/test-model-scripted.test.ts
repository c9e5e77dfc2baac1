import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import {
  type ChatHistoryItem,
  DeepSeekChatWrapper,
  getLlama,
  isChatModelResponseSegment,
  type Llama,
  LlamaChat,
  LlamaChatSession,
  type LlamaContext,
  LlamaLogLevel,
} from "node-llama-cpp";
import { randomModelPath, type ScriptedModelOptions, scriptedModelPath } from "../helpers/test-models.js";

let llama: Llama;
before(async () => {
  llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
});
after(() => llama?.dispose());

async function withContext<T>(modelPath: string, fn: (context: LlamaContext) => Promise<T>): Promise<T> {
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: 1024, threads: 1 });
  try {
    return await fn(context);
  } finally {
    await context.dispose();
    await model.dispose();
  }
}

interface Generated {
  thought: string | undefined;
  answer: string;
  streamed: string;
  stopReason: string | undefined;
}

async function generate(
  context: LlamaContext,
  history: ChatHistoryItem[] = [{ type: "user", text: "What is 2+2?" }],
  options: { temperature?: number; seed?: number; maxTokens?: number } = {},
): Promise<Generated> {
  const sequence = context.getSequence();
  try {
    const chat = new LlamaChat({ contextSequence: sequence, chatWrapper: new DeepSeekChatWrapper() });
    let streamed = "";
    const res = await chat.generateResponse(history, {
      temperature: options.temperature ?? 0.6,
      topP: 0.95,
      seed: options.seed ?? 1,
      maxTokens: options.maxTokens ?? 600,
      onResponseChunk: (chunk) => {
        streamed += chunk.text;
      },
    });
    const segments = res.fullResponse.filter((item) => typeof item !== "string");
    assert.ok(segments.length <= 1, JSON.stringify(res.fullResponse));
    const thought = segments[0];
    if (thought != null) assert.equal(thought.segmentType, "thought");
    return { thought: thought?.text, answer: res.response, streamed, stopReason: res.metadata.stopReason };
  } finally {
    sequence.dispose();
  }
}

const LONG_THOUGHT = `${"hello hello ".repeat(13)}so the greeting repeats; hmm, hmm, hmm.`;
const REPLIES: Array<{ name: string; reasoning: string; answer: string }> = [
  { name: "math", reasoning: "sum", answer: "\\boxed{4}" },
  { name: "long repetitive", reasoning: LONG_THOUGHT, answer: "hello world! ".repeat(10) },
  { name: "Chinese and emoji", reasoning: "让我想想 🤔 数学题", answer: "答案是 **4** 🎉 👍🏽" },
  { name: "html", reasoning: "echo it", answer: "<img src=x onerror=alert(1)>" },
  { name: "citations", reasoning: "source [citation:1] agrees", answer: "It is 4 [citation:1]." },
];

describe("scripted test models in node-llama-cpp", () => {
  for (const { name, reasoning, answer } of REPLIES) {
    test(`${name}: answers the scripted reply exactly, also with thinking prefilled or off`, async () => {
      const reply = `<think>\n${reasoning}</think>${answer}`;
      assert.ok(name !== "long repetitive" || reply.length > 290, `${reply.length} chars`);
      await withContext(await scriptedModelPath({ reply }), async (context) => {
        const plain = await generate(context);
        assert.deepEqual(plain, {
          thought: `\n${reasoning}`,
          answer,
          streamed: `\n${reasoning}${answer}`,
          stopReason: "eogToken",
        });

        const user: ChatHistoryItem = { type: "user", text: "What is 2+2?" };
        const prefilled = await generate(context, [
          user,
          {
            type: "model",
            response: [{ type: "segment", segmentType: "thought", text: "\n", ended: false }],
          },
        ]);
        assert.equal(prefilled.thought, reasoning);
        assert.equal(prefilled.answer, answer);

        const off = await generate(context, [
          user,
          {
            type: "model",
            response: [{ type: "segment", segmentType: "thought", text: "\n\n", ended: true }],
          },
        ]);
        assert.equal(off.thought, undefined);
        assert.equal(off.answer, answer);
        assert.equal(off.stopReason, "eogToken");
      });
    });
  }

  test("sampling at temperature 0.6-1.0 with top-p 0.95 stays on script for every seed", async () => {
    const reply = "<think>\nsum</think>\\boxed{4}";
    await withContext(await scriptedModelPath({ reply }), async (context) => {
      for (const temperature of [0.6, 1.0]) {
        for (const seed of [1, 2, 3, 42, 1234]) {
          const out = await generate(context, undefined, { temperature, seed });
          assert.equal(`<think>${out.thought}</think>${out.answer}`, reply, `T=${temperature} seed=${seed}`);
        }
      }
    });
  });

  test("a reply without <think> answers directly; one without </think> thinks until the token limit", async () => {
    await withContext(await scriptedModelPath({ reply: "Just the answer." }), async (context) => {
      assert.deepEqual(await generate(context), {
        thought: undefined,
        answer: "Just the answer.",
        streamed: "Just the answer.",
        stopReason: "eogToken",
      });
    });
    const endless = `<think>\n${"step by step, ".repeat(20)}`;
    await withContext(await scriptedModelPath({ reply: endless }), async (context) => {
      const out = await generate(context, undefined, { maxTokens: 12 });
      assert.equal(out.stopReason, "maxTokens");
      assert.equal(out.answer, "");
      assert.ok(endless.startsWith(`<think>${out.thought}`), JSON.stringify(out.thought));
    });
  });

  test("llama arch with the r1-think template: LlamaChatSession resolves the DeepSeek wrapper", async () => {
    const options: ScriptedModelOptions = {
      reply: "<think>\nhm</think>OK",
      arch: "llama",
      template: "r1-think",
    };
    await withContext(await scriptedModelPath(options), async (context) => {
      const sequence = context.getSequence();
      const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: "" });
      assert.equal(session.chatWrapper.wrapperName, "DeepSeek");
      const res = await session.promptWithMeta("hello", { temperature: 0.6, topP: 0.95 });
      assert.equal(res.responseText, "OK");
      assert.deepEqual(
        res.response.filter(isChatModelResponseSegment).map((r) => r.text),
        ["\nhm"],
      );
      session.dispose();
      sequence.dispose();
    });
  });

  test("a random-weight model loads and generates", async () => {
    await withContext(await randomModelPath(), async (context) => {
      const out = await generate(context, undefined, { maxTokens: 8 });
      assert.ok(out.stopReason === "maxTokens" || out.stopReason === "eogToken", out.stopReason);
    });
  });
});
