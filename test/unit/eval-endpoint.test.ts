/**
 * The OpenAI-compatible client against a real local HTTP server that answers as vLLM, SGLang/DeepSeek
 * and a template-only server do (reasoning field names, raw `<think>` text), and fails as upstreams do
 * (429 with Retry-After, 5xx, a dropped stream, a bad key, a prompt too long).
 */
import assert from "node:assert/strict";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import { chatCompletionsUrl, endpointGenerator } from "../../src/eval/generation/endpoint-generator.js";
import { RetriesExhausted, withRetry } from "../../src/eval/generation/retry.js";

type Handler = (body: Record<string, unknown>, res: ServerResponse, req: IncomingMessage) => void;
let handler: Handler;
const bodies: Array<Record<string, unknown>> = [];
let server: Server;
let base: string;

before(async () => {
  server = createServer((req, res) => {
    let text = "";
    req.on("data", (chunk) => (text += chunk));
    req.on("end", () => {
      const body = JSON.parse(text) as Record<string, unknown>;
      bodies.push(body);
      handler(body, res, req);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sse(res: ServerResponse, chunks: unknown[], done = true): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  if (done) res.write("data: [DONE]\n\n");
  res.end();
}

const delta = (d: Record<string, string>, finish: string | null = null) => ({
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});
const usage = {
  choices: [],
  usage: { prompt_tokens: 12, completion_tokens: 30, completion_tokens_details: { reasoning_tokens: 20 } },
};
const request = { prompt: "What is 2+2?", temperature: 0.6, topP: 0.95, maxTokens: 100, seed: 7 };

test("request: the user prompt alone, R1 sampling, seed, streamed with usage, extra body, bearer key", async () => {
  handler = (_body, res) =>
    sse(res, [delta({ reasoning_content: "add" }), delta({ content: "\\boxed{4}" }, "stop"), usage]);
  let auth: string | undefined;
  const wrapped: typeof fetch = (input, init) => {
    auth = new Headers(init?.headers).get("authorization") ?? undefined;
    return fetch(input, init);
  };
  const generator = endpointGenerator({
    baseUrl: base,
    model: "r1",
    apiKey: "sk-test",
    extraBody: { top_k: 20 },
    fetch: wrapped,
  });
  const generation = await generator.generate(request);
  assert.deepEqual(generation, {
    reasoning: "add",
    content: "\\boxed{4}",
    finishReason: "stop",
    promptTokens: 12,
    completionTokens: 30,
    reasoningTokens: 20,
  });
  assert.equal(auth, "Bearer sk-test");
  assert.deepEqual(bodies.at(-1), {
    top_k: 20,
    model: "r1",
    messages: [{ role: "user", content: "What is 2+2?" }],
    temperature: 0.6,
    top_p: 0.95,
    max_tokens: 100,
    seed: 7,
    stream: true,
    stream_options: { include_usage: true },
  });
});

test("vLLM's `reasoning` field, and raw `<think>` text from a server without a reasoning parser", async () => {
  const generator = endpointGenerator({ baseUrl: base, model: "r1" });
  handler = (_b, res) => sse(res, [delta({ reasoning: "hm" }), delta({ content: "4" }, "length")]);
  const vllm = await generator.generate(request);
  assert.deepEqual(
    [vllm.reasoning, vllm.content, vllm.finishReason, vllm.completionTokens],
    ["hm", "4", "length", null],
  );
  handler = (_b, res) =>
    sse(res, [
      delta({ content: "Let me th" }),
      delta({ content: "ink.</think>\n\nThe answer is 4." }, "stop"),
    ]);
  const raw = await generator.generate(request);
  assert.deepEqual([raw.reasoning, raw.content], ["Let me think.", "The answer is 4."]);
  handler = (_b, res) => sse(res, [delta({ content: "<think>\nstill going" }, "length")]);
  const cut = await generator.generate(request);
  assert.deepEqual(
    [cut.reasoning, cut.content],
    ["still going", ""],
    "cut off inside the think block: no answer",
  );
});

test("upstream errors become typed: 429/5xx retryable (Retry-After kept), 401 and 404 fatal, too long skipped", async () => {
  const generator = endpointGenerator({ baseUrl: base, model: "r1" });
  const cases: Array<[number, string, Record<string, string>, string, number | undefined]> = [
    [429, '{"error":{"message":"slow down"}}', { "retry-after": "3" }, "queue_full", 3],
    [503, "overloaded", {}, "model_unavailable", undefined],
    [401, '{"error":{"message":"bad key"}}', {}, "unauthorized", undefined],
    [404, '{"detail":"Not Found"}', {}, "model_not_found", undefined],
    [
      400,
      '{"error":{"message":"This model\'s maximum context length is 32768 tokens."}}',
      {},
      "context_length_exceeded",
      undefined,
    ],
    [400, '{"error":{"message":"seed must be an integer"}}', {}, "invalid_request", undefined],
  ];
  for (const [status, body, headers, code, retryAfter] of cases) {
    handler = (_b, res) => res.writeHead(status, headers).end(body);
    await assert.rejects(generator.generate(request), (error: unknown) => {
      assert.ok(error instanceof DeepthinkError, String(error));
      assert.equal(error.code, code, `HTTP ${status}`);
      assert.equal(error.retryAfterSeconds, retryAfter);
      return true;
    });
  }
});

test("a stream that ends before finishing, or an error mid-stream, is retryable; a refused connection too", async () => {
  const generator = endpointGenerator({ baseUrl: base, model: "r1" });
  handler = (_b, res) => sse(res, [delta({ content: "partial" })], false);
  await assert.rejects(
    generator.generate(request),
    (e: unknown) => e instanceof DeepthinkError && e.code === "network_unavailable",
  );
  handler = (_b, res) => sse(res, [{ error: { message: "worker died" } }]);
  await assert.rejects(
    generator.generate(request),
    (e: unknown) => e instanceof DeepthinkError && e.code === "model_unavailable",
  );
  const nowhere = endpointGenerator({ baseUrl: "http://127.0.0.1:9/v1", model: "r1" });
  await assert.rejects(
    nowhere.generate(request),
    (e: unknown) => e instanceof DeepthinkError && e.code === "network_unavailable",
  );
});

test("retries: backoff with jitter, Retry-After honoured, then success; fatal errors are not retried", async () => {
  const generator = endpointGenerator({ baseUrl: base, model: "r1" });
  let calls = 0;
  handler = (_b, res) => {
    calls++;
    if (calls === 1) res.writeHead(429, { "retry-after": "2" }).end("busy");
    else if (calls === 2) res.writeHead(502).end("bad gateway");
    else sse(res, [delta({ content: "\\boxed{4}" }, "stop")]);
  };
  const delays: number[] = [];
  const { value, attempts } = await withRetry(() => generator.generate(request), {
    baseDelayMs: 100,
    random: () => 0.5,
    sleep: async (ms) => void delays.push(ms),
  });
  assert.equal(value.content, "\\boxed{4}");
  assert.equal(attempts, 3);
  assert.deepEqual(delays, [2000, 100], "Retry-After 2 s, then 100·2¹·0.5");

  calls = 0;
  handler = (_b, res) => {
    calls++;
    res.writeHead(401).end("no");
  };
  await assert.rejects(
    withRetry(() => generator.generate(request), { sleep: async () => {} }),
    (e: unknown) => e instanceof RetriesExhausted && e.kind === "fatal" && e.attempts === 1,
  );
  assert.equal(calls, 1);

  handler = (_b, res) => res.writeHead(500).end("down");
  await assert.rejects(
    withRetry(() => generator.generate(request), { attempts: 3, sleep: async () => {} }),
    (e: unknown) => e instanceof RetriesExhausted && e.kind === "retry" && e.attempts === 3,
  );
});

test("base URLs as people write them", () => {
  assert.equal(chatCompletionsUrl("http://localhost:8000/v1"), "http://localhost:8000/v1/chat/completions");
  assert.equal(chatCompletionsUrl("http://localhost:8000/v1/"), "http://localhost:8000/v1/chat/completions");
  assert.equal(chatCompletionsUrl("http://localhost:8000"), "http://localhost:8000/v1/chat/completions");
  assert.equal(
    chatCompletionsUrl("https://api.deepseek.com/beta"),
    "https://api.deepseek.com/beta/chat/completions",
  );
  assert.equal(chatCompletionsUrl("http://h/v1/chat/completions"), "http://h/v1/chat/completions");
});
