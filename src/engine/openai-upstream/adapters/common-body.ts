import { DeepthinkError } from "../../../errors.js";
import type { NormalizedRequest, ResponseFormat } from "../../../protocol/types.js";
import type { UpstreamBody } from "./adapter.js";

/**
 * The fields every OpenAI-compatible server reads the same way. Sampling is always sent: servers
 * default differently (Ollama's shim to temperature 1.0, top_p 1.0), and the protocol has already
 * settled R1's 0.6 / 0.95. Stop sequences: upstreams apply them to the whole output, reasoning
 * included, where the embedded engine applies them to the answer only.
 */
export function commonBody(request: NormalizedRequest, model: string | undefined): UpstreamBody {
  const { sampling } = request;
  const body: UpstreamBody = {
    messages: request.messages.map((m) => ({ role: m.role, content: m.content })),
    stream: true,
    stream_options: { include_usage: true },
    temperature: sampling.temperature,
    top_p: sampling.topP,
  };
  if (model != null) body["model"] = model;
  if (request.maxTokens != null) body["max_tokens"] = request.maxTokens;
  if (request.stop.length > 0) body["stop"] = request.stop;
  if (sampling.seed != null) body["seed"] = sampling.seed;
  if (sampling.presencePenalty != null) body["presence_penalty"] = sampling.presencePenalty;
  if (sampling.frequencyPenalty != null) body["frequency_penalty"] = sampling.frequencyPenalty;
  const format = responseFormat(request.responseFormat);
  if (format != null) body["response_format"] = format;
  return body;
}

/** vLLM's, SGLang's and llama.cpp's extra sampling knobs (OpenAI's own API rejects them). */
export function extendedSampling(request: NormalizedRequest, body: UpstreamBody, repeatName: string): void {
  const { sampling } = request;
  if (sampling.topK != null) body["top_k"] = sampling.topK === 0 ? -1 : sampling.topK;
  if (sampling.minP != null) body["min_p"] = sampling.minP;
  if (sampling.repeatPenalty != null) body[repeatName] = sampling.repeatPenalty;
  if (request.ignoreEos === true) body["ignore_eos"] = true;
}

/** The assistant prefix as the last message, for servers that continue a final assistant message. */
export function withAssistantPrefix(
  body: UpstreamBody,
  prefix: string,
  extra: Record<string, unknown> = {},
): UpstreamBody {
  const messages = body["messages"] as Array<Record<string, unknown>>;
  return { ...body, messages: [...messages, { role: "assistant", content: prefix, ...extra }] };
}

export function unsupportedPrefix(kind: string): DeepthinkError {
  return new DeepthinkError(
    "invalid_request",
    `This model is served by ${kind}, which cannot continue an assistant prefix; remove 'prefix' from the last message.`,
    { param: "messages" },
  );
}

function responseFormat(format: ResponseFormat): UpstreamBody | undefined {
  if (format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", json_schema: { name: format.name ?? "response", schema: format.schema } };
}
