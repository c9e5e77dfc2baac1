import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, unsupportedPrefix } from "./common-body.js";

/**
 * Any other OpenAI-compatible server (LM Studio, a gateway, a hosted API): standard fields only, since
 * strict servers answer unknown fields with a 400. Thinking cannot be controlled portably; what the
 * server does by default is what runs.
 */
export const openaiAdapter: UpstreamAdapter = {
  kind: "openai",
  healthPath: "/v1/models",
  reasoningSplit: "auto",
  needsModel: true,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    if (request.assistantPrefix != null) throw unsupportedPrefix("a generic OpenAI-compatible server");
    return commonBody(request, model);
  },
};
