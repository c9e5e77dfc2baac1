import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DeepthinkError } from "../../src/errors.js";
import {
  normalizeChatRequest,
  REASONING_EFFORT_THINKING,
  resolveThinking,
  type ThinkingControl,
  type ThinkingInput,
  type UsagePolicy,
} from "../../src/protocol/index.js";

const on: ThinkingControl = { type: "on" };
const off: ThinkingControl = { type: "off" };
const budget = (tokens: number): ThinkingControl => ({ type: "budget", tokens });

const precedenceCases: Array<{
  name: string;
  input: ThinkingInput;
  policy?: Partial<UsagePolicy>;
  expected: ThinkingControl;
}> = [
  { name: "nothing said: on", input: {}, expected: on },
  { name: "nothing said: the policy default", input: {}, policy: { defaultThinking: off }, expected: off },
  {
    name: "nothing said: a policy budget",
    input: {},
    policy: { defaultThinking: budget(300) },
    expected: budget(300),
  },
  { name: "thinking disabled", input: { thinking: { type: "disabled" } }, expected: off },
  {
    name: "thinking enabled beats a policy default of off",
    input: { thinking: { type: "enabled" } },
    policy: { defaultThinking: off },
    expected: on,
  },
  {
    name: "thinking enabled with a budget",
    input: { thinking: { type: "enabled", budget_tokens: 2000 } },
    expected: budget(2000),
  },
  {
    name: "budget_tokens 0 means off",
    input: { thinking: { type: "enabled", budget_tokens: 0 } },
    expected: off,
  },
  {
    name: "thinking disabled beats reasoning_effort",
    input: { thinking: { type: "disabled" }, reasoning_effort: "high" },
    expected: off,
  },
  {
    name: "DeepSeek's pairing: enabled plus effort low is a low budget",
    input: { thinking: { type: "enabled" }, reasoning_effort: "low" },
    expected: budget(1024),
  },
  {
    name: "an explicit budget beats the effort's",
    input: { thinking: { type: "enabled", budget_tokens: 300 }, reasoning_effort: "high" },
    expected: budget(300),
  },
  {
    name: "thinking enabled beats effort none",
    input: { thinking: { type: "enabled" }, reasoning_effort: "none" },
    expected: on,
  },
  {
    name: "thinking beats enable_thinking",
    input: { thinking: { type: "disabled" }, chat_template_kwargs: { enable_thinking: true } },
    expected: off,
  },
  {
    name: "enable_thinking false",
    input: { chat_template_kwargs: { enable_thinking: false } },
    expected: off,
  },
  {
    name: "enable_thinking true beats a policy default of off",
    input: { chat_template_kwargs: { enable_thinking: true } },
    policy: { defaultThinking: off },
    expected: on,
  },
  { name: "kwargs.thinking false", input: { chat_template_kwargs: { thinking: false } }, expected: off },
  {
    name: "enable_thinking beats kwargs.thinking",
    input: { chat_template_kwargs: { enable_thinking: true, thinking: false } },
    expected: on,
  },
  {
    name: "enable_thinking false beats reasoning_effort",
    input: { chat_template_kwargs: { enable_thinking: false }, reasoning_effort: "high" },
    expected: off,
  },
  {
    name: "enable_thinking true with effort medium",
    input: { chat_template_kwargs: { enable_thinking: true }, reasoning_effort: "medium" },
    expected: budget(4096),
  },
  { name: "effort none", input: { reasoning_effort: "none" }, expected: off },
  {
    name: "effort max beats a policy default of off",
    input: { reasoning_effort: "max" },
    policy: { defaultThinking: off },
    expected: on,
  },
  {
    name: "null fields are absent",
    input: { thinking: null, chat_template_kwargs: null, reasoning_effort: null },
    policy: { defaultThinking: off },
    expected: off,
  },
];

describe("thinking control: precedence", () => {
  for (const c of precedenceCases) {
    test(c.name, () => assert.deepEqual(resolveThinking(c.input, c.policy), c.expected));
  }

  test("normalizeChatRequest applies it, with the policy default", () => {
    const messages = [{ role: "user" as const, content: "hi" }];
    assert.deepEqual(normalizeChatRequest({ messages }, { defaultThinking: off }).thinking, off);
    assert.deepEqual(normalizeChatRequest({ messages, reasoning_effort: "low" }).thinking, budget(1024));
  });
});

describe("thinking control: the effort table", () => {
  const expected: Array<[string, ThinkingControl]> = [
    ["none", off],
    ["minimal", budget(512)],
    ["low", budget(1024)],
    ["medium", budget(4096)],
    ["high", budget(16384)],
    ["max", on],
  ];
  for (const [effort, control] of expected) {
    test(`reasoning_effort ${effort}`, () => {
      assert.deepEqual(
        resolveThinking({ reasoning_effort: effort as ThinkingInput["reasoning_effort"] }),
        control,
      );
    });
  }

  test("the table has exactly these levels, with budgets growing with effort", () => {
    assert.deepEqual(
      Object.keys(REASONING_EFFORT_THINKING),
      expected.map(([effort]) => effort),
    );
    const budgets = Object.values(REASONING_EFFORT_THINKING).flatMap((c) =>
      c.type === "budget" ? [c.tokens] : [],
    );
    assert.deepEqual(
      budgets,
      [...budgets].sort((a, b) => a - b),
    );
  });
});

const errorCases: Array<{ name: string; input: unknown; param: string }> = [
  {
    name: "negative budget",
    input: { thinking: { type: "enabled", budget_tokens: -1 } },
    param: "thinking.budget_tokens",
  },
  {
    name: "fractional budget",
    input: { thinking: { type: "enabled", budget_tokens: 1.5 } },
    param: "thinking.budget_tokens",
  },
  {
    name: "a bad budget is reported even when disabled",
    input: { thinking: { type: "disabled", budget_tokens: "lots" } },
    param: "thinking.budget_tokens",
  },
  { name: "unknown thinking.type", input: { thinking: { type: "auto" } }, param: "thinking.type" },
  { name: "unknown effort", input: { reasoning_effort: "ultra" }, param: "reasoning_effort" },
  {
    name: "enable_thinking not a boolean",
    input: { chat_template_kwargs: { enable_thinking: "yes" } },
    param: "chat_template_kwargs.enable_thinking",
  },
];

describe("thinking control: errors", () => {
  for (const c of errorCases) {
    test(c.name, () => {
      assert.throws(
        () => resolveThinking(c.input as ThinkingInput),
        (error: unknown) =>
          error instanceof DeepthinkError && error.code === "invalid_request" && error.param === c.param,
      );
    });
  }
});
