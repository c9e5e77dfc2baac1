import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, unsupportedPrefix } from "./common-body.js";

/**
 * Ollama's OpenAI endpoint (`/v1`): reasoning as `reasoning`. Its only thinking knob there is
 * `reasoning_effort`, mapped to `think`; R1 models take a boolean only, so any level but "none" is a 400
 * ("think value "medium" is not supported for this model"). Thinking is therefore switched off with
 * "none" and otherwise left to Ollama, which thinks by default for deepseek-r1 since 0.12. No budget
 * exists (proposal ollama#17561): a budget request simply thinks. No prefix completion either.
 */
export const ollamaAdapter: UpstreamAdapter = {
  kind: "ollama",
  healthPath: "/api/version",
  reasoningSplit: "upstream",
  needsModel: true,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    if (request.assistantPrefix != null) throw unsupportedPrefix("Ollama");
    const body = commonBody(request, model);
    if (request.thinking.type === "off") body["reasoning_effort"] = "none";
    return body;
  },
};
