/**
 * Fields we cannot honour get a 400 that says so, instead of being silently ignored: a client asking for
 * tool calls or logprobs would otherwise get an answer that looks right and is not. Fields that change
 * nothing we can promise (user, metadata, store, service_tier) are simply ignored.
 */
import { DeepthinkError } from "../errors.js";
import type { ChatRequestBody } from "./chat-request-schema.js";

const TEXT_ONLY = "this server reads text only";

export function rejectUnsupported(body: ChatRequestBody, maxChoices: number): void {
  if (body.tools != null && body.tools.length > 0) {
    unsupported("tools", "Tool calling is not supported by this server yet; remove 'tools'.");
  }
  if (body.tool_choice != null && body.tool_choice !== "none" && body.tool_choice !== "auto") {
    unsupported("tool_choice", "Tool calling is not supported by this server yet; remove 'tool_choice'.");
  }
  if (body.functions != null && body.functions.length > 0) {
    unsupported("functions", "Function calling is not supported by this server; remove 'functions'.");
  }
  if (body.function_call != null && body.function_call !== "none" && body.function_call !== "auto") {
    unsupported("function_call", "Function calling is not supported by this server; remove 'function_call'.");
  }
  if (body.logprobs === true) unsupported("logprobs", "'logprobs' is not supported by this server.");
  if (body.top_logprobs != null && body.top_logprobs > 0) {
    unsupported("top_logprobs", "'top_logprobs' is not supported by this server.");
  }
  if (body.logit_bias != null && Object.keys(body.logit_bias).length > 0) {
    unsupported("logit_bias", "'logit_bias' is not supported by this server.");
  }
  if (body.audio != null || (body.modalities ?? []).some((m) => m !== "text")) {
    unsupported(body.audio != null ? "audio" : "modalities", `Audio output is not supported: ${TEXT_ONLY}.`);
  }
  if (body.prediction != null)
    unsupported("prediction", "Predicted outputs are not supported by this server.");
  if (body.n != null && body.n > maxChoices) {
    unsupported("n", `'n' is ${body.n}; this server generates at most ${maxChoices} choices per request.`);
  }
}

function unsupported(param: string, message: string): never {
  throw new DeepthinkError("invalid_request", message, { param });
}
