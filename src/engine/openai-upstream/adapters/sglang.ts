import type { UpstreamAdapter } from "./adapter.js";
import { OPENAI_CHAT_PATH } from "./adapter.js";
import { commonBody, extendedSampling, withAssistantPrefix } from "./common-body.js";
import { thinkingKwargs } from "./thinking-kwargs.js";

/**
 * SGLang (`--reasoning-parser deepseek-r1`): `reasoning_content`, DeepSeek's name. `separate_reasoning`
 * and `stream_reasoning` are its defaults, sent anyway so that reasoning is streamed as it comes, not
 * buffered into one chunk. A thinking budget is not sent: SGLang's budget processor hard-codes the
 * R1-671B token ids (`</think>` = 128799), so it would cut distills at the wrong token; the budget is
 * then bounded only by max_tokens.
 */
export const sglangAdapter: UpstreamAdapter = {
  kind: "sglang",
  healthPath: "/health",
  reasoningSplit: "auto",
  needsModel: true,
  chatPath: () => OPENAI_CHAT_PATH,
  body(request, model) {
    const body = commonBody(request, model);
    extendedSampling(request, body, "repetition_penalty");
    body["chat_template_kwargs"] = thinkingKwargs(request.thinking);
    body["separate_reasoning"] = true;
    body["stream_reasoning"] = true;
    if (request.assistantPrefix == null) return body;
    return { ...withAssistantPrefix(body, request.assistantPrefix), continue_final_message: true };
  },
};
