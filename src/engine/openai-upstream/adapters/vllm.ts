import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, extendedSampling, withAssistantPrefix } from "./common-body.js";
import { thinkingKwargs } from "./thinking-kwargs.js";

/**
 * vLLM (`vllm serve … --reasoning-parser deepseek_r1`). Reasoning arrives as `reasoning` (since PR
 * #27752; `reasoning_content` before #33402) — or not at all when the server runs without a reasoning
 * parser, hence `auto`. The model id must be the served name, so it is asked for when not configured.
 * vLLM logs and ignores request fields it does not know, so version-dependent knobs are safe to send.
 */
export const vllmAdapter: UpstreamAdapter = {
  kind: "vllm",
  healthPath: "/health",
  reasoningSplit: "auto",
  needsModel: true,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    const body = commonBody(request, model);
    extendedSampling(request, body, "repetition_penalty");
    body["chat_template_kwargs"] = thinkingKwargs(request.thinking);
    // A hard cap on thinking tokens (PR #20859); the server needs `--reasoning-config` for it to bite.
    if (request.thinking.type === "budget") body["thinking_token_budget"] = request.thinking.tokens;
    if (request.assistantPrefix == null) return body;
    return {
      ...withAssistantPrefix(body, request.assistantPrefix),
      continue_final_message: true,
      add_generation_prompt: false,
    };
  },
};
