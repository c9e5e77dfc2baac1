/**
 * The parsed wire body → the protocol's ChatRequestInput. Field names are the same; this only narrows
 * what the protocol cannot take (tool messages) and drops transport fields (stream, n, user, model).
 */
import { DeepthinkError } from "../errors.js";
import type { ChatRequestInput, InputMessage } from "../protocol/index.js";
import type { ChatRequestBody } from "./chat-request-schema.js";

type WireMessage = ChatRequestBody["messages"][number];

export function toProtocolInput(body: ChatRequestBody): ChatRequestInput {
  return {
    messages: body.messages.map(toInputMessage),
    temperature: body.temperature,
    top_p: body.top_p,
    top_k: body.top_k,
    min_p: body.min_p,
    seed: body.seed,
    max_tokens: body.max_tokens,
    max_completion_tokens: body.max_completion_tokens,
    stop: body.stop,
    presence_penalty: body.presence_penalty,
    frequency_penalty: body.frequency_penalty,
    repeat_penalty: body.repeat_penalty,
    response_format: body.response_format,
    thinking: body.thinking,
    reasoning_effort: body.reasoning_effort,
    chat_template_kwargs: body.chat_template_kwargs,
    math_directive: body.math_directive,
    ignore_eos: body.ignore_eos,
  };
}

function toInputMessage(message: WireMessage, index: number): InputMessage {
  const { role } = message;
  if (role === "tool" || role === "function") {
    throw new DeepthinkError(
      "invalid_request",
      `Messages with role '${role}' belong to tool calling, which this server does not support yet.`,
      { param: `messages[${index}].role` },
    );
  }
  if (message.tool_calls != null && message.tool_calls.length > 0) {
    throw new DeepthinkError(
      "invalid_request",
      "Tool calls in the history are not supported by this server yet.",
      {
        param: `messages[${index}].tool_calls`,
      },
    );
  }
  const input: InputMessage = { role, content: message.content ?? null };
  if (message.reasoning_content != null) input.reasoning_content = message.reasoning_content;
  if (message.reasoning != null) input.reasoning = message.reasoning;
  if (message.prefix != null) input.prefix = message.prefix;
  return input;
}
