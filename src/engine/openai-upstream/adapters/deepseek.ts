import { DeepthinkError } from "../../../errors.js";
import type { UpstreamAdapter } from "./adapter.js";
import { commonBody, withAssistantPrefix } from "./common-body.js";

/**
 * DeepSeek's own API (serving.md §1). What it needs that others do not:
 * - `deepseek-reasoner` ignores temperature/top_p/penalties (sent anyway: harmless, and right for
 *   `deepseek-chat`); logprobs are a 400, so never sent; seed and the llama.cpp knobs are not its API;
 * - earlier-turn reasoning in the input is a 400 on R1: the protocol never keeps it, so none is sent;
 * - prefix completion is `prefix: true` on the last assistant message, on the `/beta` base URL;
 * - JSON output is `json_object` only (R1-0528 onward); a schema cannot be honoured;
 * - thinking on/off and effort are the V3.1+ thinking-mode knobs (`thinking.type`, `reasoning_effort`
 *   low|high|max); R1 itself cannot stop thinking. Budgets map onto the nearest effort.
 */
export const deepseekAdapter: UpstreamAdapter = {
  kind: "deepseek",
  healthPath: "/models",
  reasoningSplit: "upstream",
  needsModel: true,
  defaultModel: "deepseek-reasoner",
  chatPath: (request) => (request.assistantPrefix != null ? "/beta/chat/completions" : "/chat/completions"),
  body(request, model) {
    if (request.responseFormat.type === "json_schema") {
      throw new DeepthinkError(
        "invalid_request",
        "DeepSeek's API supports response_format json_object only; it cannot follow a JSON schema.",
        { param: "response_format" },
      );
    }
    const body = commonBody(request, model);
    delete body["seed"];
    if (request.thinking.type === "off") body["thinking"] = { type: "disabled" };
    if (request.thinking.type === "budget") {
      body["reasoning_effort"] = request.thinking.tokens <= 1024 ? "low" : "high";
    }
    if (request.assistantPrefix == null) return body;
    return withAssistantPrefix(body, request.assistantPrefix, { prefix: true });
  },
};
