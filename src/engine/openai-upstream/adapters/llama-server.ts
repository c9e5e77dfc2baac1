import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, extendedSampling, withAssistantPrefix } from "./common-body.js";
import { thinkingKwargs } from "./thinking-kwargs.js";

/**
 * llama.cpp's `llama-server`: `reasoning_content` with the default `--reasoning-format`, raw text in
 * `content` with `--reasoning-format none` — the server's flag is left in charge, hence `auto`. It
 * serves one model and ignores `model`. `enable_thinking: false` makes it close the think block in the
 * prompt (`thinking_forced_open` off); a per-request budget is `thinking_budget_tokens` on recent builds
 * (older ones only have the `--reasoning-budget` flag and ignore the field — not verified per version).
 * A final assistant message is continued as a prefix (`--prefill-assistant`, on by default).
 */
export const llamaServerAdapter: UpstreamAdapter = {
  kind: "llama-server",
  healthPath: "/health",
  reasoningSplit: "auto",
  needsModel: false,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    const body = commonBody(request, model);
    extendedSampling(request, body, "repeat_penalty");
    body["chat_template_kwargs"] = thinkingKwargs(request.thinking);
    if (request.thinking.type === "budget") body["thinking_budget_tokens"] = request.thinking.tokens;
    return request.assistantPrefix == null ? body : withAssistantPrefix(body, request.assistantPrefix);
  },
};
