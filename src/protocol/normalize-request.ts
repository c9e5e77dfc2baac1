import type { ChatRequestInput } from "./chat-request-input.js";
import { DEFAULT_USAGE_POLICY } from "./constants.js";
import { normalizeMessages } from "./normalize-messages.js";
import { normalizeSampling } from "./normalize-sampling.js";
import { readBoolean } from "./read-boolean.js";
import { readNumber } from "./read-number.js";
import { readResponseFormat } from "./read-response-format.js";
import { readStop } from "./read-stop.js";
import { resolveThinking } from "./thinking-control.js";
import type { NormalizedRequest, UsagePolicy } from "./types.js";

export type { ChatRequestInput, InputContentPart, InputMessage } from "./chat-request-input.js";

/**
 * A structurally parsed chat request, checked and rewritten to follow the DeepSeek-R1 README's usage
 * recommendations. Throws `DeepthinkError("invalid_request")` naming the field (`param`) for values no
 * engine could serve; anything served differently from the recommendations is listed in `warnings`.
 */
export function normalizeChatRequest(
  input: ChatRequestInput,
  policy: Partial<UsagePolicy> = {},
): NormalizedRequest {
  const mathDirective = readBoolean(input.math_directive, "math_directive") ?? policy.mathDirective ?? false;
  const conversation = normalizeMessages(input.messages, {
    keepSystemPrompt: policy.keepSystemPrompt ?? DEFAULT_USAGE_POLICY.keepSystemPrompt,
    mathDirective,
  });
  const { sampling, warnings: samplingWarnings } = normalizeSampling(
    input,
    policy.enforceTemperatureRange ?? DEFAULT_USAGE_POLICY.enforceTemperatureRange,
  );
  const thinking = resolveThinking(
    input,
    policy.defaultThinking != null ? { defaultThinking: policy.defaultThinking } : {},
  );
  // OpenAI renamed max_tokens to max_completion_tokens; both are checked, the newer name wins.
  const maxCompletionTokens = readNumber(input.max_completion_tokens, "max_completion_tokens", {
    min: 1,
    integer: true,
  });
  const maxTokens =
    maxCompletionTokens ?? readNumber(input.max_tokens, "max_tokens", { min: 1, integer: true });

  const request: NormalizedRequest = {
    messages: conversation.messages,
    thinking,
    sampling,
    stop: readStop(input.stop),
    responseFormat: readResponseFormat(input.response_format),
    warnings: [...conversation.warnings, ...samplingWarnings],
  };
  if (conversation.assistantPrefix != null) request.assistantPrefix = conversation.assistantPrefix;
  if (maxTokens != null) request.maxTokens = maxTokens;
  if (readBoolean(input.ignore_eos, "ignore_eos") === true) request.ignoreEos = true;
  return request;
}
