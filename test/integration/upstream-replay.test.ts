/**
 * Acceptance: recorded streams of vLLM (both field names), SGLang, llama.cpp's server (parsed and
 * raw), Ollama and DeepSeek — plus the missing-opening-tag and never-closed cases — replayed by a real
 * local HTTP server with tags and characters cut across reads. Each yields the same reasoning/answer
 * split and usage, through the upstream engine and through our API (the real server, openai SDK).
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import OpenAI from "openai";
import type { ChatCompletionChunk } from "openai/resources/chat/completions";
import pino from "pino";
import { createUpstreamEngine, type UpstreamKind } from "../../src/engine/openai-upstream/index.js";
import { hostFromEngine, startServer } from "../../src/server/index.js";
import {
  fixturePath,
  type ReplayServer,
  startReplayServer,
} from "../fixtures/upstream-streams/replay-server.js";
import { generateText, request } from "../helpers/engine-request.js";

interface StreamCase {
  file: string;
  what: string;
  ownedBy: string;
  model: string;
  kind: UpstreamKind;
  content?: string;
  usage: {
    promptTokens: number;
    cachedPromptTokens: number;
    completionTokens: number;
    reasoningTokens?: number;
  };
  finish: "stop" | "length";
}

const manifest = JSON.parse(readFileSync(fixturePath("streams.json"), "utf8")) as {
  reasoning: string;
  content: string;
  streams: StreamCase[];
};

type R1Delta = ChatCompletionChunk.Choice.Delta & { reasoning_content?: string | null };

for (const stream of manifest.streams) {
  describe(`replayed ${stream.file}`, () => {
    let upstream: ReplayServer;
    before(async () => {
      upstream = await startReplayServer({
        script: { type: "sse", file: stream.file },
        models: [{ id: stream.model, owned_by: stream.ownedBy }],
      });
    });
    after(() => upstream.close());
    const expectedContent = stream.content ?? manifest.content;

    test(`the upstream engine splits it (${stream.what})`, async () => {
      const engine = createUpstreamEngine({ name: "r1", baseUrl: upstream.url });
      const out = await generateText(engine, request());
      assert.equal(out.error, undefined, out.error?.error.message);
      assert.equal(engine.kind(), stream.kind);
      assert.equal(out.reasoning, manifest.reasoning);
      assert.equal(out.content, expectedContent);
      assert.ok(
        out.parts.every((p) => p.type === "finish" || p.type === "error" || p.text !== ""),
        "no empty part",
      );
      const finish = out.finish!;
      assert.equal(finish.reason, stream.finish);
      const { reasoningTokens, ...counts } = stream.usage;
      assert.deepEqual(
        { ...finish.usage, reasoningTokens: undefined },
        { ...counts, reasoningTokens: undefined },
      );
      if (reasoningTokens != null) assert.equal(finish.usage.reasoningTokens, reasoningTokens);
      else if (expectedContent === "")
        assert.equal(finish.usage.reasoningTokens, finish.usage.completionTokens);
      else {
        // Estimated from the characters on each side: most of this output is reasoning.
        const r = finish.usage.reasoningTokens;
        assert.ok(r > counts.completionTokens / 2 && r < counts.completionTokens, `reasoning tokens ${r}`);
      }
      assert.ok(
        finish.timings.timeToFirstTokenMs > 0 && finish.timings.totalMs >= finish.timings.timeToFirstTokenMs,
      );
      assert.ok(finish.timings.tokensPerSecond > 0);
      const sent = upstream.requests.at(-1)!;
      assert.equal(sent.path, stream.kind === "deepseek" ? "/chat/completions" : "/v1/chat/completions");
      assert.equal(sent.body["stream"], true);
      assert.deepEqual(sent.body["stream_options"], { include_usage: true });
      if (stream.kind !== "llama-server") assert.equal(sent.body["model"], stream.model);
    });

    test("and our API serves the same split (openai SDK, streaming and not)", async () => {
      const engine = createUpstreamEngine({ name: "r1", baseUrl: upstream.url });
      const host = hostFromEngine(engine);
      await host.settled();
      const server = await startServer({ models: host, logger: pino({ level: "silent" }), port: 0 });
      try {
        const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: "unused", maxRetries: 0 });
        const chunks = await client.chat.completions.create({
          model: "r1",
          messages: [{ role: "user", content: "2 + 2?" }],
          stream: true,
          stream_options: { include_usage: true },
        });
        let reasoning = "";
        let content = "";
        let usage: ChatCompletionChunk["usage"];
        for await (const chunk of chunks) {
          const delta = chunk.choices[0]?.delta as R1Delta | undefined;
          reasoning += delta?.reasoning_content ?? "";
          content += delta?.content ?? "";
          usage ??= chunk.usage;
        }
        assert.equal(reasoning, manifest.reasoning);
        assert.equal(content, expectedContent);
        assert.equal(usage?.completion_tokens, stream.usage.completionTokens);
        const whole = await client.chat.completions.create({
          model: "r1",
          messages: [{ role: "user", content: "2 + 2?" }],
        });
        const message = whole.choices[0]!.message as (typeof whole.choices)[0]["message"] & {
          reasoning_content?: string;
        };
        assert.equal(message.reasoning_content, manifest.reasoning);
        assert.equal(message.content, expectedContent);
        assert.equal(whole.choices[0]!.finish_reason, stream.finish);
      } finally {
        await server.close();
        await host.close();
      }
    });
  });
}
