/**
 * The app through `app.request` (no sockets, no model): what it answers before any engine is involved —
 * loading and failed model hosts, auth, malformed bodies, routes, metrics, the bind policy.
 */
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { test } from "node:test";
import pino from "pino";
import type { Engine } from "../../src/engine/spec.js";
import { DeepthinkError } from "../../src/errors.js";
import { assertBindAllowed, collectApiKeys, createApp, createModelHost } from "../../src/server/index.js";

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: "debug" }, sink), lines };
}

const failedHost = () =>
  createModelHost(async () => {
    throw new DeepthinkError("model_not_found", "the file /nowhere/model.gguf does not exist.", {
      hint: "Start with --model path.gguf, or run `deepthink pull r1-distill-qwen-1.5b`.",
    });
  });

function loadingHost() {
  let finish: (engine: Engine) => void = () => {};
  const host = createModelHost(({ report }) => {
    report({ message: "downloading r1-distill-qwen-1.5b", progress: 0.42 });
    return new Promise<Engine>((resolve) => {
      finish = resolve;
    });
  });
  return { host, finish };
}

const chatBody = JSON.stringify({
  model: "r1-distill-qwen-1.5b",
  messages: [{ role: "user", content: "hi" }],
});
const post = (body: string, headers: Record<string, string> = {}) => ({
  method: "POST",
  body,
  headers: { "content-type": "application/json", ...headers },
});

test("a failed model host: /health, /v1/models and chat completions say why in one sentence", async () => {
  const host = failedHost();
  await host.settled();
  const app = createApp({ models: host, logger: capturedLogger().logger });
  const health = await app.request("/health");
  assert.equal(health.status, 503);
  const body = (await health.json()) as { status: string; message: string; hint: string };
  assert.equal(body.status, "error");
  assert.match(body.message, /does not exist/);
  assert.match(body.hint, /--model path\.gguf/);

  for (const res of [
    await app.request("/v1/models"),
    await app.request("/v1/chat/completions", post(chatBody)),
  ]) {
    assert.equal(res.status, 503);
    const { error } = (await res.json()) as { error: { message: string; code: string } };
    assert.equal(error.code, "model_unavailable");
    assert.match(error.message, /^No model is available: the file .* does not exist\. Start with --model/);
  }
});

test("a loading host reports progress and asks clients to retry", async () => {
  const { host } = loadingHost();
  const app = createApp({ models: host, logger: capturedLogger().logger });
  const health = await app.request("/health");
  assert.equal(health.status, 503);
  assert.deepEqual(await health.json(), {
    status: "loading",
    message: "downloading r1-distill-qwen-1.5b",
    progress: 0.42,
  });
  const chat = await app.request("/chat/completions", post(chatBody));
  assert.equal(chat.status, 503);
  assert.equal(chat.headers.get("retry-after"), "5");
  const { error } = (await chat.json()) as { error: { message: string } };
  assert.equal(
    error.message,
    "The model is not ready yet: downloading r1-distill-qwen-1.5b (42%); try again shortly.",
  );
});

test("bad bodies get a 400 naming the field, without a stack trace in the log", async () => {
  const { logger, lines } = capturedLogger();
  const app = createApp({ models: failedHost(), logger });
  const cases: Array<[string, RegExp, string | null]> = [
    ["{not json", /not valid JSON/, null],
    ["", /empty/, null],
    ["[1,2]", /must be a JSON object/, null],
    [JSON.stringify({ messages: "hi" }), /'messages' must be an array/, "messages"],
    [
      JSON.stringify({ messages: [{ role: "user", content: 3 }] }),
      /string or an array/,
      "messages[0].content",
    ],
    [
      JSON.stringify({ messages: [{ role: "user", content: "x" }], temperature: "hot" }),
      /must be a number/,
      "temperature",
    ],
    [
      JSON.stringify({ messages: [{ role: "user", content: "x" }], tools: [{ type: "function" }] }),
      /Tool calling/,
      "tools",
    ],
    [JSON.stringify({ messages: [{ role: "user", content: "x" }], logprobs: true }), /logprobs/, "logprobs"],
    [JSON.stringify({ messages: [{ role: "user", content: "x" }], n: 99 }), /at most 8/, "n"],
  ];
  for (const [body, message, param] of cases) {
    const res = await app.request("/v1/chat/completions", post(body));
    assert.equal(res.status, 400, body);
    const { error } = (await res.json()) as {
      error: { message: string; param: string | null; type: string };
    };
    assert.match(error.message, message, body);
    assert.equal(error.param, param, body);
    assert.equal(error.type, "invalid_request_error");
  }
  const invalidUtf8 = await app.request("/v1/chat/completions", {
    method: "POST",
    body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
  });
  assert.equal(invalidUtf8.status, 400);
  assert.match(((await invalidUtf8.json()) as { error: { message: string } }).error.message, /UTF-8/);
  assert.ok(lines.length >= cases.length);
  for (const line of lines) assert.equal(JSON.stringify(line).includes("    at "), false, "no stack trace");
});

test("a body over the limit is a 413", async () => {
  const app = createApp({
    models: failedHost(),
    logger: capturedLogger().logger,
    limits: { maxBodyBytes: 1024 },
  });
  const res = await app.request("/v1/chat/completions", post(JSON.stringify({ messages: "x".repeat(5000) })));
  assert.equal(res.status, 413);
  const { error } = (await res.json()) as { error: { code: string } };
  assert.equal(error.code, "body_too_large");
});

test("API keys: Bearer token checked, /health stays public, request id on every response", async () => {
  const app = createApp({
    models: failedHost(),
    logger: capturedLogger().logger,
    apiKeys: ["k1", "secret-2"],
  });
  const none = await app.request("/v1/models");
  assert.equal(none.status, 401);
  assert.equal(none.headers.get("www-authenticate"), 'Bearer realm="deepthink"');
  assert.match(none.headers.get("x-request-id") ?? "", /^req_/);
  const wrong = await app.request("/v1/models", { headers: { authorization: "Bearer secret-1" } });
  assert.equal(wrong.status, 401);
  assert.equal(((await wrong.json()) as { error: { type: string } }).error.type, "authentication_error");
  const right = await app.request("/v1/models", { headers: { authorization: "Bearer secret-2" } });
  assert.equal(right.status, 503, "past auth: the model is what is missing");
  assert.equal((await app.request("/health")).status, 503);
  assert.equal((await app.request("/metrics")).status, 401);
  assert.equal((await app.request("/chat/completions", post("{}"))).status, 401);
  assert.equal((await app.request("/api/conversations")).status, 401);
  // The chat app's page itself loads without a key (it asks for one); here no app is mounted: 404, not 401.
  assert.equal((await app.request("/")).status, 404);
  assert.equal((await app.request("/", { method: "POST" })).status, 401);
});

test("unknown routes are OpenAI-shaped 404s; /metrics speaks Prometheus", async () => {
  const app = createApp({ models: failedHost(), logger: capturedLogger().logger });
  const missing = await app.request("/v1/completions", post("{}"));
  assert.equal(missing.status, 404);
  assert.match(((await missing.json()) as { error: { message: string } }).error.message, /no route POST/);
  await app.request("/v1/chat/completions", post("{"));
  const metrics = await app.request("/metrics");
  assert.equal(metrics.status, 200);
  assert.match(metrics.headers.get("content-type") ?? "", /^text\/plain; version=0\.0\.4/);
  const text = await metrics.text();
  assert.match(text, /deepthink_requests_total\{route="chat_completions",status="400"\} 1/);
  assert.match(text, /deepthink_request_errors_total\{code="invalid_request"\} 1/);
  assert.match(text, /# TYPE deepthink_time_to_first_token_seconds histogram/);
  assert.match(text, /deepthink_model_ready 0/);
});

test("binding beyond loopback needs an API key or --insecure-no-auth", () => {
  assert.doesNotThrow(() => assertBindAllowed("127.0.0.1", [], false));
  assert.doesNotThrow(() => assertBindAllowed("::1", [], false));
  assert.doesNotThrow(() => assertBindAllowed("localhost", [], false));
  assert.throws(() => assertBindAllowed("0.0.0.0", [], false), /without an API key/);
  assert.doesNotThrow(() => assertBindAllowed("0.0.0.0", ["k"], false));
  assert.doesNotThrow(() => assertBindAllowed("0.0.0.0", [], true));
  assert.deepEqual(collectApiKeys(["a", " "], "b, a,,c"), ["a", "b", "c"]);
});
