/**
 * How an upstream fails, against real local servers: refused connections and HTTP errors reject before
 * the first byte with our codes and the upstream's message; a stream that breaks, stalls or sends
 * garbage ends with an `error` part; an abort aborts the fetch. Health checks and credentials.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createUpstreamEngine } from "../../src/engine/openai-upstream/index.js";
import { DeepthinkError } from "../../src/errors.js";
import { type ReplayServer, startReplayServer } from "../fixtures/upstream-streams/replay-server.js";
import { collect, generateText, request } from "../helpers/engine-request.js";

const STREAM = "vllm-reasoning.sse";

function rejectsWith(code: string, check?: (e: DeepthinkError) => void) {
  return (error: unknown) => {
    assert.ok(error instanceof DeepthinkError, String(error));
    assert.equal(error.code, code, error.message);
    check?.(error);
    return true;
  };
}

describe("upstream failures", () => {
  let upstream: ReplayServer;
  const engine = () =>
    createUpstreamEngine({ name: "r1", baseUrl: upstream.url, kind: "vllm", upstreamModel: "m" });
  before(async () => {
    upstream = await startReplayServer({ models: [{ id: "m", owned_by: "vllm" }] });
  });
  after(() => upstream.close());

  test("connection refused: a retryable network_unavailable before the first byte", async () => {
    const gone = await startReplayServer();
    await gone.close();
    const dead = createUpstreamEngine({ name: "r1", baseUrl: gone.url, kind: "vllm", upstreamModel: "m" });
    await assert.rejects(
      dead.generate(request()),
      rejectsWith("network_unavailable", (e) => {
        assert.ok(e.isRetryable);
        assert.match(e.message, /Cannot reach upstream 'r1' at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/);
      }),
    );
    const health = await dead.checkHealth();
    assert.equal(health.ok, false);
    assert.equal(dead.info().status.state, "error");
  });

  const statuses: Array<[string, number, unknown, string, RegExp]> = [
    [
      "OpenAI-style 400",
      400,
      { error: { message: "top_p must be in (0, 1]", type: "BadRequestError", param: "top_p", code: 400 } },
      "invalid_request",
      /^top_p must be in \(0, 1\]$/,
    ],
    [
      "vLLM's flat 400 over the context",
      400,
      {
        object: "error",
        message: "This model's maximum context length is 32768 tokens. However, you requested 40000 tokens.",
        type: "BadRequestError",
        code: 400,
      },
      "context_length_exceeded",
      /maximum context length is 32768/,
    ],
    [
      "FastAPI 422",
      422,
      { detail: [{ loc: ["body", "messages"], msg: "field required" }] },
      "invalid_request",
      /field required/,
    ],
    [
      "a wrong upstream key",
      401,
      { error: { message: "Authentication Fails (no such user)", type: "authentication_error" } },
      "model_unavailable",
      /refused this server's API key \(401\): Authentication Fails/,
    ],
    [
      "DeepSeek out of balance",
      402,
      { error: { message: "Insufficient Balance" } },
      "model_unavailable",
      /failed \(402\): Insufficient Balance/,
    ],
    [
      "a model name the upstream lacks",
      404,
      { error: { message: "The model `x` does not exist." } },
      "model_unavailable",
      /answered 404: The model `x` does not exist/,
    ],
    [
      "an overloaded upstream",
      503,
      "Service Unavailable",
      "model_unavailable",
      /failed \(503\): Service Unavailable/,
    ],
  ];
  for (const [what, status, body, code, message] of statuses) {
    test(`HTTP ${status} (${what}) → ${code} with the upstream's message`, async () => {
      upstream.script = { type: "status", status, body };
      await assert.rejects(
        engine().generate(request()),
        rejectsWith(code, (e) => assert.match(e.message, message)),
      );
    });
  }

  test("429 is queue_full with the upstream's Retry-After; the param of a 400 is kept", async () => {
    upstream.script = {
      type: "status",
      status: 429,
      body: { error: { message: "Rate Limit Reached" } },
      headers: { "Retry-After": "7" },
    };
    await assert.rejects(
      engine().generate(request()),
      rejectsWith("queue_full", (e) => assert.equal(e.retryAfterSeconds, 7)),
    );
    upstream.script = {
      type: "status",
      status: 400,
      body: { error: { message: "bad", param: "temperature" } },
    };
    await assert.rejects(
      engine().generate(request()),
      rejectsWith("invalid_request", (e) => assert.equal(e.param, "temperature")),
    );
  });

  test("no headers within the connect timeout: retryable, before the first byte", async () => {
    upstream.script = { type: "hang" };
    const slow = createUpstreamEngine({
      name: "r1",
      baseUrl: upstream.url,
      kind: "vllm",
      upstreamModel: "m",
      connectTimeoutMs: 150,
    });
    await assert.rejects(
      slow.generate(request()),
      rejectsWith("network_unavailable", (e) => assert.match(e.message, /did not answer within/)),
    );
  });

  test("a stream that breaks mid-way ends with an error part after what it had sent", async () => {
    upstream.script = { type: "sse", file: STREAM, breakAfterEvents: 6 };
    const out = await generateText(engine(), request());
    assert.equal(out.reasoning, "Okay, the user asks for");
    assert.equal(out.finish, undefined);
    assert.equal(out.error?.error.code, "network_unavailable");
    assert.match(out.error?.error.message ?? "", /upstream 'r1' .* (broke off|ended) the stream/);
    assert.equal(out.parts.at(-1)?.type, "error");
  });

  test("a stream that falls silent past the idle timeout ends with an error part", async () => {
    upstream.script = { type: "sse", file: STREAM, gapMs: 400 };
    const quiet = createUpstreamEngine({
      name: "r1",
      baseUrl: upstream.url,
      kind: "vllm",
      upstreamModel: "m",
      idleTimeoutMs: 100,
    });
    const out = await generateText(quiet, request());
    assert.equal(out.error?.error.code, "network_unavailable");
    assert.match(out.error?.error.message ?? "", /sent nothing within/);
  });

  test("an error frame mid-stream (vLLM, deepthink) ends with an error part carrying its message", async () => {
    upstream.script = { type: "sse", file: "error-frame.sse" };
    const out = await generateText(engine(), request());
    assert.equal(out.reasoning, "Okay,");
    assert.equal(out.error?.error.code, "model_unavailable");
    assert.match(out.error?.error.message ?? "", /failed mid-stream: CUDA out of memory/);
  });

  test("a chunk that is not a chat.completion.chunk ends with an error part naming it", async () => {
    upstream.script = { type: "sse", file: "malformed-chunk.sse" };
    const out = await generateText(engine(), request());
    assert.equal(out.error?.error.code, "network_unavailable");
    assert.match(
      out.error?.error.message ?? "",
      /not a chat\.completion\.chunk at choices\.0\.delta\.content/,
    );
  });

  test("aborting before the headers rejects with aborted; mid-stream it finishes with abort", async () => {
    upstream.script = { type: "hang" };
    const early = new AbortController();
    const pending = engine().generate(request(), early.signal);
    setTimeout(() => early.abort(), 50);
    await assert.rejects(pending, rejectsWith("aborted"));

    upstream.script = { type: "sse", file: STREAM, gapMs: 20 };
    const late = new AbortController();
    const e = engine();
    const { stream } = await e.generate(request(), late.signal);
    const reader = stream.getReader();
    const first = await reader.read();
    assert.equal(first.value?.type, "reasoning-delta");
    late.abort();
    reader.releaseLock();
    const rest = await collect(stream);
    assert.equal(rest.finish?.reason, "abort");
    assert.equal(e.stats().busySlots, 0);
  });

  test("the API key goes as a bearer token; kind and model given means no discovery call", async () => {
    upstream.script = { type: "sse", file: STREAM };
    const before = upstream.requests.length;
    const keyed = createUpstreamEngine({
      name: "r1",
      baseUrl: `${upstream.url}/v1/`,
      apiKey: "sk-up",
      kind: "vllm",
      upstreamModel: "served-name",
    });
    const out = await generateText(keyed, request());
    assert.equal(out.content, "2 + 2 = **4** ✓");
    const sent = upstream.requests.at(-1)!;
    assert.equal(upstream.requests.length, before + 1);
    assert.equal(sent.headers.authorization, "Bearer sk-up");
    assert.equal(sent.body["model"], "served-name");
    assert.deepEqual(await keyed.checkHealth(), { ok: true });
    assert.equal(keyed.info().status.state, "ready");
  });
});
