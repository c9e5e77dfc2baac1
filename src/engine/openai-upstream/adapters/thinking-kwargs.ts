import type { ThinkingControl } from "../../../protocol/types.js";

/**
 * The chat-template switch vLLM, SGLang and llama.cpp's server pass to the template. Templates read
 * different names (Qwen3 and R1-0528-Qwen3 `enable_thinking`, DeepSeek V3.1+ `thinking`), so both go;
 * a template ignores names it does not use. The R1 and R1-Distill templates read neither and always
 * prefill `<think>\n`: on those, thinking cannot be switched off this way (serving.md §6.4).
 */
export function thinkingKwargs(thinking: ThinkingControl): Record<string, boolean> {
  const on = thinking.type !== "off";
  return { enable_thinking: on, thinking: on };
}
