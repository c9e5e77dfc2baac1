import type { ChatRequestInput } from "./chat-request-input.js";
import { DEFAULT_USAGE_POLICY, REASONING_EFFORT_THINKING } from "./constants.js";
import { invalidRequest, quote } from "./invalid-request.js";
import { readBoolean } from "./read-boolean.js";
import { readNumber } from "./read-number.js";
import type { ReasoningEffort, ThinkingControl, UsagePolicy } from "./types.js";

export type ThinkingInput = Pick<ChatRequestInput, "thinking" | "chat_template_kwargs" | "reasoning_effort">;

/**
 * Thinking control from the request's several dialects. Whether to think, first found wins:
 * `thinking.type`, then `chat_template_kwargs.enable_thinking` (or `.thinking`), then `reasoning_effort`
 * ("none" is off), then the policy's default. How long, first found wins: `thinking.budget_tokens`,
 * then the effort table. The two questions are separate because DeepSeek's current API sends both at
 * once (`thinking: {type: "enabled"}` with `reasoning_effort: "low"`), and that must mean a low budget.
 * A switch that says off wins over any budget; a budget of 0 means off.
 */
export function resolveThinking(
  input: ThinkingInput,
  policy: Partial<Pick<UsagePolicy, "defaultThinking">> = {},
): ThinkingControl {
  const { thinking, chat_template_kwargs: kwargs } = input;
  const effort = readEffort(input.reasoning_effort);

  if (thinking != null && thinking.type !== "enabled" && thinking.type !== "disabled") {
    throw invalidRequest(
      "thinking.type",
      `thinking.type must be "enabled" or "disabled"; got ${quote(thinking.type)}.`,
    );
  }
  // Validated even when thinking is disabled: a malformed budget is a client bug worth reporting.
  const budgetTokens = readNumber(thinking?.budget_tokens, "thinking.budget_tokens", {
    min: 0,
    integer: true,
  });
  const templateSwitch =
    readBoolean(kwargs?.enable_thinking, "chat_template_kwargs.enable_thinking") ??
    readBoolean(kwargs?.thinking, "chat_template_kwargs.thinking");

  const switchedOn =
    thinking != null
      ? thinking.type === "enabled"
      : (templateSwitch ?? (effort != null ? effort !== "none" : undefined));
  if (switchedOn === false) return { type: "off" };

  const effortControl = effort != null ? REASONING_EFFORT_THINKING[effort] : undefined;
  const budget = budgetTokens ?? (effortControl?.type === "budget" ? effortControl.tokens : undefined);
  if (budget === 0) return { type: "off" };
  if (budget != null) return { type: "budget", tokens: budget };
  if (switchedOn === true) return { type: "on" };
  return policy.defaultThinking ?? DEFAULT_USAGE_POLICY.defaultThinking;
}

function readEffort(value: unknown): ReasoningEffort | undefined {
  if (value == null) return undefined;
  if (typeof value === "string" && Object.hasOwn(REASONING_EFFORT_THINKING, value)) {
    return value as ReasoningEffort;
  }
  const accepted = Object.keys(REASONING_EFFORT_THINKING).join(", ");
  throw invalidRequest(
    "reasoning_effort",
    `reasoning_effort must be one of ${accepted}; got ${quote(value)}.`,
  );
}
