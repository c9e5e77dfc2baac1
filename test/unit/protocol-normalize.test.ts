import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import {
  answerOf,
  type ChatMessage,
  type ChatRequestInput,
  type InputMessage,
  MATH_DIRECTIVE,
  type NormalizedRequest,
  normalizeChatRequest,
  type UsagePolicy,
} from "../../src/protocol/index.js";

const user = (content: InputMessage["content"]): InputMessage => ({ role: "user", content });
const assistant = (content: InputMessage["content"], extra: Partial<InputMessage> = {}): InputMessage => ({
  role: "assistant",
  content,
  ...extra,
});
const system = (content: string): InputMessage => ({ role: "system", content });
const ask = (fields: Partial<ChatRequestInput> = {}): ChatRequestInput => ({
  messages: [user("hi")],
  ...fields,
});
const codes = (request: NormalizedRequest) => request.warnings.map((w) => [w.code, w.param]);

test("defaults: the README's sampling, thinking on, nothing else set", () => {
  assert.deepEqual(normalizeChatRequest(ask()), {
    messages: [{ role: "user", content: "hi" }],
    thinking: { type: "on" },
    sampling: { temperature: 0.6, topP: 0.95 },
    stop: [],
    responseFormat: { type: "text" },
    warnings: [],
  });
});

test("the math directive holds a single backslash", () => {
  assert.equal(MATH_DIRECTIVE, "Please reason step by step, and put your final answer within \u005cboxed{}.");
  assert.equal(MATH_DIRECTIVE.split("\\").length, 2);
});

const samplingCases: Array<{
  name: string;
  input: Partial<ChatRequestInput>;
  policy?: Partial<UsagePolicy>;
  sampling: Record<string, number>;
  warnings?: Array<[string, RegExp]>;
}> = [
  {
    name: "0.5 and 0.7 are in range",
    input: { temperature: 0.5 },
    sampling: { temperature: 0.5, topP: 0.95 },
  },
  { name: "0.7 is in range", input: { temperature: 0.7 }, sampling: { temperature: 0.7, topP: 0.95 } },
  {
    name: "temperature 0 is a value, honoured with a warning",
    input: { temperature: 0 },
    sampling: { temperature: 0, topP: 0.95 },
    warnings: [["temperature_out_of_range", /served as asked/]],
  },
  {
    name: "a high temperature is honoured with a warning",
    input: { temperature: 1.3 },
    sampling: { temperature: 1.3, topP: 0.95 },
    warnings: [["temperature_out_of_range", /1\.3 is outside .*0\.5–0\.7/]],
  },
  {
    name: "enforced: a high temperature is clamped to 0.7",
    input: { temperature: 1.3 },
    policy: { enforceTemperatureRange: true },
    sampling: { temperature: 0.7, topP: 0.95 },
    warnings: [["temperature_out_of_range", /clamped to 0\.7/]],
  },
  {
    name: "enforced: temperature 0 is clamped to 0.5",
    input: { temperature: 0 },
    policy: { enforceTemperatureRange: true },
    sampling: { temperature: 0.5, topP: 0.95 },
    warnings: [["temperature_out_of_range", /clamped to 0\.5/]],
  },
  {
    name: "enforced: an unset temperature is the recommended one",
    input: {},
    policy: { enforceTemperatureRange: true },
    sampling: { temperature: 0.6, topP: 0.95 },
  },
  {
    name: "top_p 0.95 given: no warning",
    input: { top_p: 0.95 },
    sampling: { temperature: 0.6, topP: 0.95 },
  },
  {
    name: "another top_p is honoured with a warning",
    input: { top_p: 1 },
    sampling: { temperature: 0.6, topP: 1 },
    warnings: [["top_p_changed", /top_p 1/]],
  },
  {
    name: "zeros are values, not absences",
    input: { top_k: 0, min_p: 0, seed: 0, presence_penalty: 0, frequency_penalty: 0 },
    sampling: {
      temperature: 0.6,
      topP: 0.95,
      topK: 0,
      minP: 0,
      seed: 0,
      presencePenalty: 0,
      frequencyPenalty: 0,
    },
  },
  {
    name: "top_k -1 (vLLM's off) becomes 0",
    input: { top_k: -1 },
    sampling: { temperature: 0.6, topP: 0.95, topK: 0 },
  },
  {
    name: "the optional knobs pass through",
    input: {
      top_k: 40,
      min_p: 0.05,
      seed: -7,
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      repeat_penalty: 1.1,
    },
    sampling: {
      temperature: 0.6,
      topP: 0.95,
      topK: 40,
      minP: 0.05,
      seed: -7,
      presencePenalty: 0.5,
      frequencyPenalty: -0.5,
      repeatPenalty: 1.1,
    },
  },
  {
    name: "null means unset",
    input: { temperature: null, top_p: null, seed: null },
    sampling: { temperature: 0.6, topP: 0.95 },
  },
];

describe("normalise: sampling", () => {
  for (const c of samplingCases) {
    test(c.name, () => {
      const request = normalizeChatRequest(ask(c.input), c.policy);
      assert.deepEqual(request.sampling, c.sampling);
      const expected = c.warnings ?? [];
      assert.deepEqual(
        request.warnings.map((w) => w.code),
        expected.map(([code]) => code),
      );
      for (const [i, [, pattern]] of expected.entries())
        assert.match(request.warnings[i]?.message ?? "", pattern);
    });
  }
});

describe("normalise: limits, stop, response format", () => {
  test("max tokens: either name, the newer wins", () => {
    assert.equal(normalizeChatRequest(ask({ max_tokens: 100 })).maxTokens, 100);
    assert.equal(normalizeChatRequest(ask({ max_completion_tokens: 50 })).maxTokens, 50);
    assert.equal(normalizeChatRequest(ask({ max_tokens: 100, max_completion_tokens: 50 })).maxTokens, 50);
    assert.equal("maxTokens" in normalizeChatRequest(ask({ max_tokens: null })), false);
  });

  test("stop: a string or a list", () => {
    assert.deepEqual(normalizeChatRequest(ask({ stop: "END" })).stop, ["END"]);
    assert.deepEqual(normalizeChatRequest(ask({ stop: ["a", "\n\n"] })).stop, ["a", "\n\n"]);
    assert.deepEqual(normalizeChatRequest(ask({ stop: [] })).stop, []);
    assert.deepEqual(normalizeChatRequest(ask({ stop: Array(16).fill("x") })).stop.length, 16);
  });

  test("response formats", () => {
    assert.deepEqual(normalizeChatRequest(ask({ response_format: { type: "json_object" } })).responseFormat, {
      type: "json_object",
    });
    const schema = { type: "object", properties: { answer: { type: "number" } } };
    assert.deepEqual(
      normalizeChatRequest(
        ask({ response_format: { type: "json_schema", json_schema: { name: "a", schema } } }),
      ).responseFormat,
      { type: "json_schema", name: "a", schema },
    );
    assert.deepEqual(
      normalizeChatRequest(ask({ response_format: { type: "json_schema", json_schema: { schema } } }))
        .responseFormat,
      { type: "json_schema", schema },
    );
  });
});

const policyOf = (p: Partial<UsagePolicy>) => p;

const messageCases: Array<{
  name: string;
  messages: InputMessage[];
  fields?: Partial<ChatRequestInput>;
  policy?: Partial<UsagePolicy>;
  expected: ChatMessage[];
  prefix?: string;
  warnings?: Array<[string, string]>;
}> = [
  {
    name: "a system prompt is folded into the first user turn",
    messages: [system("Be terse."), user("Hi")],
    expected: [{ role: "user", content: "Be terse.\n\nHi" }],
    warnings: [["system_prompt_folded", "messages[0]"]],
  },
  {
    name: "system and developer messages are joined, wherever they stand",
    messages: [system("A"), user("Q1"), assistant("A1"), { role: "developer", content: "B" }, user("Q2")],
    expected: [
      { role: "user", content: "A\n\nB\n\nQ1" },
      { role: "assistant", content: "A1" },
      { role: "user", content: "Q2" },
    ],
    warnings: [["system_prompt_folded", "messages[0]"]],
  },
  {
    name: "keepSystemPrompt keeps one system message at the start",
    messages: [user("Q"), system("A"), { role: "developer", content: [{ type: "text", text: "B" }] }],
    policy: policyOf({ keepSystemPrompt: true }),
    expected: [
      { role: "system", content: "A\n\nB" },
      { role: "user", content: "Q" },
    ],
  },
  {
    name: "an empty system message is ignored",
    messages: [system(""), user("Q")],
    expected: [{ role: "user", content: "Q" }],
  },
  {
    name: "the math directive (policy) goes after the last user message",
    messages: [user("1+1?"), assistant("2"), user("What is 2+2?")],
    policy: policyOf({ mathDirective: true }),
    expected: [
      { role: "user", content: "1+1?" },
      { role: "assistant", content: "2" },
      { role: "user", content: `What is 2+2?\n\n${MATH_DIRECTIVE}` },
    ],
  },
  {
    name: "the math directive (request) replaces trailing whitespace, after the folded system text",
    messages: [system("S"), user("Solve x. \n")],
    fields: { math_directive: true },
    expected: [{ role: "user", content: `S\n\nSolve x.\n\n${MATH_DIRECTIVE}` }],
    warnings: [["system_prompt_folded", "messages[0]"]],
  },
  {
    name: "the math directive is not added twice",
    messages: [user(`Solve x. ${MATH_DIRECTIVE} Thanks`)],
    fields: { math_directive: true },
    expected: [{ role: "user", content: `Solve x. ${MATH_DIRECTIVE} Thanks` }],
  },
  {
    name: "a request's math_directive: false overrides the policy",
    messages: [user("Q")],
    fields: { math_directive: false },
    policy: policyOf({ mathDirective: true }),
    expected: [{ role: "user", content: "Q" }],
  },
  {
    name: "earlier reasoning fields are dropped, warned once",
    messages: [
      user("Q1"),
      assistant("A1", { reasoning_content: "R1" }),
      user("Q2"),
      assistant("A2", { reasoning: "R2" }),
      user("Q3"),
    ],
    expected: [
      { role: "user", content: "Q1" },
      { role: "assistant", content: "A1" },
      { role: "user", content: "Q2" },
      { role: "assistant", content: "A2" },
      { role: "user", content: "Q3" },
    ],
    warnings: [["reasoning_dropped", "messages[1]"]],
  },
  {
    name: "inline reasoning is cut at the last </think>",
    messages: [user("Q1"), assistant("<think>\nr</think>x</think>\n\n  A1\n"), user("Q2")],
    expected: [
      { role: "user", content: "Q1" },
      { role: "assistant", content: "A1\n" },
      { role: "user", content: "Q2" },
    ],
    warnings: [["reasoning_dropped", "messages[1]"]],
  },
  {
    name: "an answer without </think> is kept as is",
    messages: [user("Q1"), assistant("  A1"), user("</think> is a tag")],
    expected: [
      { role: "user", content: "Q1" },
      { role: "assistant", content: "  A1" },
      { role: "user", content: "</think> is a tag" },
    ],
  },
  {
    name: "prefix completion: the last assistant message becomes the answer prefix",
    messages: [user("Write code"), assistant("```python\n", { prefix: true, reasoning_content: "r" })],
    expected: [{ role: "user", content: "Write code" }],
    prefix: "```python\n",
    warnings: [["reasoning_dropped", "messages[1]"]],
  },
  {
    name: "consecutive messages of one role are merged, warned once",
    messages: [user("a"), user("b"), assistant("x"), assistant("y"), user("c")],
    expected: [
      { role: "user", content: "a\n\nb" },
      { role: "assistant", content: "x\n\ny" },
      { role: "user", content: "c" },
    ],
    warnings: [["messages_merged", "messages[1]"]],
  },
  {
    name: "a system message between user messages: merged and folded",
    messages: [user("a"), system("s"), user("b")],
    expected: [{ role: "user", content: "s\n\na\n\nb" }],
    warnings: [
      ["messages_merged", "messages[2]"],
      ["system_prompt_folded", "messages[1]"],
    ],
  },
  {
    name: "text parts are joined with nothing between them",
    messages: [
      user([
        { type: "text", text: "Hel" },
        { type: "text", text: "lo" },
      ]),
    ],
    expected: [{ role: "user", content: "Hello" }],
  },
  {
    name: "an assistant turn with null content is kept, empty",
    messages: [user("Q1"), assistant(null), user("Q2")],
    expected: [
      { role: "user", content: "Q1" },
      { role: "assistant", content: "" },
      { role: "user", content: "Q2" },
    ],
  },
];

describe("normalise: messages", () => {
  for (const c of messageCases) {
    test(c.name, () => {
      const request = normalizeChatRequest({ messages: c.messages, ...c.fields }, c.policy);
      assert.deepEqual(request.messages, c.expected);
      assert.equal(request.assistantPrefix, c.prefix);
      assert.deepEqual(codes(request), c.warnings ?? []);
    });
  }
});

test("answerOf: the text after the last </think>, leading whitespace trimmed", () => {
  assert.equal(answerOf("r</think>\n\nA"), "A");
  assert.equal(answerOf("a</think>b</think> c "), "c ");
  assert.equal(answerOf("  no tag"), "  no tag");
  assert.equal(answerOf("r</think>"), "");
});

const errorCases: Array<{ name: string; input: unknown; param: string; message?: RegExp }> = [
  { name: "no messages", input: { messages: [] }, param: "messages" },
  {
    name: "only a system message",
    input: { messages: [system("S")] },
    param: "messages",
    message: /user message/,
  },
  {
    name: "a tool message",
    input: { messages: [{ role: "tool", content: "x" }] },
    param: "messages[0].role",
  },
  { name: "a null user message", input: { messages: [user(null)] }, param: "messages[0].content" },
  {
    name: "an empty user message",
    input: { messages: [system("S"), user("")] },
    param: "messages[1].content",
  },
  {
    name: "an image part",
    input: {
      messages: [
        user([
          { type: "text", text: "see" },
          { type: "image_url", image_url: { url: "x" } },
        ]),
      ],
    },
    param: "messages[0].content[1].type",
    message: /only text parts are accepted here/,
  },
  {
    name: "a text part without text",
    input: { messages: [user([{ type: "text" }])] },
    param: "messages[0].content[0].text",
  },
  {
    name: "the last message is an assistant message",
    input: { messages: [system("S"), user("Q"), assistant("A")] },
    param: "messages[2].role",
    message: /the last message must be a user message, or an assistant message with prefix: true/,
  },
  {
    name: "prefix on a message that is not last",
    input: { messages: [user("Q"), assistant("A", { prefix: true }), user("Q2")] },
    param: "messages[1].prefix",
  },
  {
    name: "prefix on a user message",
    input: { messages: [{ role: "user", content: "Q", prefix: true }] },
    param: "messages[0].prefix",
  },
  {
    name: "a prefix after an assistant turn",
    input: { messages: [user("Q"), assistant("A"), assistant("B", { prefix: true })] },
    param: "messages[1].role",
  },
  { name: "temperature above 2", input: ask({ temperature: 2.5 }), param: "temperature" },
  {
    name: "temperature as a string",
    input: ask({ temperature: "0.6" as unknown as number }),
    param: "temperature",
  },
  { name: "top_p 0", input: ask({ top_p: 0 }), param: "top_p" },
  { name: "top_p above 1", input: ask({ top_p: 1.1 }), param: "top_p" },
  { name: "max_tokens 0", input: ask({ max_tokens: 0 }), param: "max_tokens", message: /integer >= 1/ },
  { name: "max_tokens fractional", input: ask({ max_tokens: 10.5 }), param: "max_tokens" },
  {
    name: "max_completion_tokens 0",
    input: ask({ max_completion_tokens: 0, max_tokens: 10 }),
    param: "max_completion_tokens",
  },
  { name: "seed fractional", input: ask({ seed: 1.5 }), param: "seed" },
  { name: "top_k below -1", input: ask({ top_k: -2 }), param: "top_k" },
  { name: "presence_penalty above 2", input: ask({ presence_penalty: 3 }), param: "presence_penalty" },
  { name: "repeat_penalty 0", input: ask({ repeat_penalty: 0 }), param: "repeat_penalty" },
  { name: "min_p above 1", input: ask({ min_p: 1.5 }), param: "min_p" },
  { name: "an empty stop string", input: ask({ stop: "" }), param: "stop" },
  { name: "an empty stop in a list", input: ask({ stop: ["a", ""] }), param: "stop[1]" },
  {
    name: "17 stop sequences",
    input: ask({ stop: Array(17).fill("x") }),
    param: "stop",
    message: /at most 16/,
  },
  {
    name: "an unknown response format",
    input: ask({ response_format: { type: "xml" } as never }),
    param: "response_format.type",
  },
  {
    name: "json_schema without a schema",
    input: ask({ response_format: { type: "json_schema", json_schema: {} } as never }),
    param: "response_format.json_schema.schema",
  },
  {
    name: "math_directive not a boolean",
    input: ask({ math_directive: "yes" as never }),
    param: "math_directive",
  },
];

describe("normalise: errors name the field", () => {
  for (const c of errorCases) {
    test(c.name, () => {
      assert.throws(
        () => normalizeChatRequest(c.input as ChatRequestInput),
        (error: unknown) => {
          assert.ok(error instanceof DeepthinkError, String(error));
          assert.equal(error.code, "invalid_request");
          assert.equal(error.param, c.param);
          if (c.message != null) assert.match(error.message, c.message);
          return true;
        },
      );
    });
  }
});

test("ignore_eos is passed through for benchmarks, and checked", () => {
  const messages = [{ role: "user" as const, content: "hi" }];
  assert.equal(normalizeChatRequest({ messages, ignore_eos: true }).ignoreEos, true);
  assert.equal(normalizeChatRequest({ messages }).ignoreEos, undefined);
  assert.throws(
    () => normalizeChatRequest({ messages, ignore_eos: "yes" as unknown as boolean }),
    (e: unknown) => e instanceof DeepthinkError && e.param === "ignore_eos",
  );
});
