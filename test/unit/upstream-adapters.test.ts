/** Each upstream's dialect: the body it gets for the same normalised request, and what it refuses. */
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  adapterFor,
  detectKind,
  UPSTREAM_KINDS,
  upstreamRoot,
} from "../../src/engine/openai-upstream/index.js";
import { DeepthinkError } from "../../src/errors.js";
import type { NormalizedRequest } from "../../src/protocol/types.js";
import { request } from "../helpers/engine-request.js";

const full: NormalizedRequest = request({
  messages: [
    { role: "user", content: "2 + 2?" },
    { role: "assistant", content: "4" },
    { role: "user", content: "and 3 + 3?" },
  ],
  sampling: {
    temperature: 0.6,
    topP: 0.95,
    topK: 0,
    minP: 0.05,
    seed: 7,
    repeatPenalty: 1.1,
    presencePenalty: 0.5,
  },
  maxTokens: 512,
  stop: ["\n\nUser:"],
  responseFormat: { type: "json_object" },
});

const bodyOf = (kind: (typeof UPSTREAM_KINDS)[number], req: NormalizedRequest = full, model = "m") =>
  adapterFor(kind).body(req, model);

describe("every adapter", () => {
  for (const kind of UPSTREAM_KINDS) {
    test(`${kind}: streams with usage, sends the messages as normalised and R1's sampling`, () => {
      const body = bodyOf(kind);
      assert.equal(body["stream"], true);
      assert.deepEqual(body["stream_options"], { include_usage: true });
      assert.deepEqual(body["messages"], full.messages);
      assert.equal(body["temperature"], 0.6);
      assert.equal(body["top_p"], 0.95);
      assert.equal(body["max_tokens"], 512);
      assert.deepEqual(body["stop"], ["\n\nUser:"]);
      assert.deepEqual(body["response_format"], { type: "json_object" });
      assert.equal(body["model"], "m");
      assert.equal(body["logprobs"], undefined);
    });
  }
});

describe("thinking control in each dialect", () => {
  const off = request({ thinking: { type: "off" } });
  const budget = request({ thinking: { type: "budget", tokens: 1024 } });
  test("vLLM: chat_template_kwargs and thinking_token_budget", () => {
    assert.deepEqual(bodyOf("vllm", off)["chat_template_kwargs"], {
      enable_thinking: false,
      thinking: false,
    });
    assert.equal(bodyOf("vllm", budget)["thinking_token_budget"], 1024);
    assert.deepEqual(bodyOf("vllm", budget)["chat_template_kwargs"], {
      enable_thinking: true,
      thinking: true,
    });
  });
  test("SGLang: separate and streamed reasoning; no budget (its processor has R1-671B ids)", () => {
    const body = bodyOf("sglang", budget);
    assert.equal(body["separate_reasoning"], true);
    assert.equal(body["stream_reasoning"], true);
    assert.equal(body["thinking_token_budget"], undefined);
  });
  test("llama.cpp server: template switch and thinking_budget_tokens", () => {
    assert.deepEqual(bodyOf("llama-server", off)["chat_template_kwargs"], {
      enable_thinking: false,
      thinking: false,
    });
    assert.equal(bodyOf("llama-server", budget)["thinking_budget_tokens"], 1024);
  });
  test("Ollama: reasoning_effort none switches off; no level is ever sent (a 400 on R1)", () => {
    assert.equal(bodyOf("ollama", off)["reasoning_effort"], "none");
    assert.equal(bodyOf("ollama", budget)["reasoning_effort"], undefined);
    assert.equal(bodyOf("ollama")["reasoning_effort"], undefined);
  });
  test("DeepSeek: thinking.type disabled, budgets as the nearest effort", () => {
    assert.deepEqual(bodyOf("deepseek", off)["thinking"], { type: "disabled" });
    assert.equal(bodyOf("deepseek", budget)["reasoning_effort"], "low");
    assert.equal(
      bodyOf("deepseek", request({ thinking: { type: "budget", tokens: 16384 } }))["reasoning_effort"],
      "high",
    );
    assert.equal(bodyOf("deepseek")["thinking"], undefined);
  });
  test("deepthink: its own thinking field, and no second math directive", () => {
    assert.deepEqual(bodyOf("deepthink", budget)["thinking"], { type: "enabled", budget_tokens: 1024 });
    assert.deepEqual(bodyOf("deepthink", off)["thinking"], { type: "disabled" });
    assert.equal(bodyOf("deepthink")["math_directive"], false);
  });
});

describe("sampling knobs beyond OpenAI's", () => {
  test("vLLM and SGLang: top_k off is -1, repetition_penalty; llama.cpp: repeat_penalty", () => {
    for (const kind of ["vllm", "sglang"] as const) {
      const body = bodyOf(kind);
      assert.equal(body["top_k"], -1);
      assert.equal(body["min_p"], 0.05);
      assert.equal(body["repetition_penalty"], 1.1);
      assert.equal(body["seed"], 7);
    }
    assert.equal(bodyOf("llama-server")["repeat_penalty"], 1.1);
  });
  test("DeepSeek and plain OpenAI get standard fields only; DeepSeek no seed", () => {
    for (const kind of ["deepseek", "openai", "ollama"] as const) {
      const body = bodyOf(kind);
      assert.equal(body["top_k"], undefined);
      assert.equal(body["min_p"], undefined);
      assert.equal(body["chat_template_kwargs"], undefined);
    }
    assert.equal(bodyOf("deepseek")["seed"], undefined);
    assert.equal(bodyOf("deepseek")["presence_penalty"], 0.5);
  });
});

describe("assistant prefix (DeepSeek prefix completion)", () => {
  const prefixed = request({ assistantPrefix: "```python\n" });
  test("DeepSeek: prefix:true on the /beta path", () => {
    const adapter = adapterFor("deepseek");
    assert.equal(adapter.chatPath(prefixed), "/beta/chat/completions");
    assert.equal(adapter.chatPath(request()), "/chat/completions");
    const messages = adapter.body(prefixed, "deepseek-reasoner")["messages"] as unknown[];
    assert.deepEqual(messages.at(-1), { role: "assistant", content: "```python\n", prefix: true });
  });
  test("vLLM continues the final message; llama.cpp prefills it", () => {
    const vllm = bodyOf("vllm", prefixed);
    assert.equal(vllm["continue_final_message"], true);
    assert.equal(vllm["add_generation_prompt"], false);
    assert.deepEqual((bodyOf("llama-server", prefixed)["messages"] as unknown[]).at(-1), {
      role: "assistant",
      content: "```python\n",
    });
  });
  test("Ollama and plain OpenAI refuse it with a 400 naming messages", () => {
    for (const kind of ["ollama", "openai"] as const) {
      assert.throws(
        () => bodyOf(kind, prefixed),
        (e: unknown) => e instanceof DeepthinkError && e.code === "invalid_request" && e.param === "messages",
      );
    }
  });
});

test("DeepSeek refuses a JSON schema it cannot follow; others pass it on", () => {
  const schema = request({
    responseFormat: { type: "json_schema", name: "answer", schema: { type: "object" } },
  });
  assert.throws(
    () => bodyOf("deepseek", schema),
    (e: unknown) => e instanceof DeepthinkError && e.param === "response_format",
  );
  assert.deepEqual(bodyOf("vllm", schema)["response_format"], {
    type: "json_schema",
    json_schema: { name: "answer", schema: { type: "object" } },
  });
});

test("kinds are detected from owned_by, the host and Ollama's port", () => {
  const at = (url: string) => new URL(url);
  assert.equal(detectKind(at("http://gpu1:8000"), "vllm"), "vllm");
  assert.equal(detectKind(at("http://gpu1:30000"), "sglang"), "sglang");
  assert.equal(detectKind(at("http://box:8080"), "llamacpp"), "llama-server");
  assert.equal(detectKind(at("http://box:8080"), "deepthink"), "deepthink");
  assert.equal(detectKind(at("https://api.deepseek.com"), "system"), "deepseek");
  assert.equal(detectKind(at("http://box:11434"), "library"), "ollama");
  assert.equal(detectKind(at("http://box:1234"), "organization_owner"), "openai");
});

test("upstream URLs: a trailing /v1 and slashes go; other schemes are refused", () => {
  assert.equal(upstreamRoot("http://gpu1:8000/v1/").href, "http://gpu1:8000/");
  assert.equal(upstreamRoot("https://proxy.example/r1/v1").pathname, "/r1");
  assert.throws(() => upstreamRoot("gpu1:8000"), DeepthinkError);
  assert.throws(() => upstreamRoot("ftp://gpu1"), DeepthinkError);
});
