import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, withAssistantPrefix } from "./common-body.js";

/**
 * Another deepthink server: it speaks the protocol's own dialect, so every knob goes through
 * unchanged. The request is already normalised here (system prompt folded, math directive applied by
 * this server's policy), so the upstream is told not to add the directive a second time.
 */
export const deepthinkAdapter: UpstreamAdapter = {
  kind: "deepthink",
  healthPath: "/health",
  reasoningSplit: "upstream",
  needsModel: false,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    const body = commonBody(request, model);
    const { sampling, thinking } = request;
    if (sampling.topK != null) body["top_k"] = sampling.topK;
    if (sampling.minP != null) body["min_p"] = sampling.minP;
    if (sampling.repeatPenalty != null) body["repeat_penalty"] = sampling.repeatPenalty;
    body["thinking"] =
      thinking.type === "off"
        ? { type: "disabled" }
        : thinking.type === "budget"
          ? { type: "enabled", budget_tokens: thinking.tokens }
          : { type: "enabled" };
    body["math_directive"] = false;
    if (request.assistantPrefix == null) return body;
    return withAssistantPrefix(body, request.assistantPrefix, { prefix: true });
  },
};
