/**
 * Samples from an embedded engine: the prompt as one user message through the R1 protocol, thinking
 * forced (the response starts with `<think>\n`), and the engine's parts folded into one generation.
 */
import type { Engine } from "../../engine/spec.js";
import { DeepthinkError } from "../../errors.js";
import { normalizeChatRequest } from "../../protocol/index.js";
import type { Generation, GenerationRequest, SampleGenerator } from "./sample-generator.js";

export function engineGenerator(engine: Engine, options: { closeEngine?: boolean } = {}): SampleGenerator {
  return {
    async generate(request: GenerationRequest): Promise<Generation> {
      const normalized = normalizeChatRequest({
        messages: [{ role: "user", content: request.prompt }],
        temperature: request.temperature,
        top_p: request.topP,
        max_tokens: request.maxTokens,
        thinking: { type: "enabled" },
        ...(request.seed != null ? { seed: request.seed } : {}),
      });
      const { stream } = await engine.generate(normalized, request.signal);
      let reasoning = "";
      let content = "";
      for await (const part of stream) {
        if (part.type === "reasoning-delta") reasoning += part.text;
        else if (part.type === "text-delta") content += part.text;
        else if (part.type === "error") throw part.error;
        else {
          if (part.reason === "abort") throw new DeepthinkError("aborted", "The generation was aborted.");
          return {
            reasoning,
            content,
            finishReason: part.reason,
            promptTokens: part.usage.promptTokens,
            completionTokens: part.usage.completionTokens,
            reasoningTokens: part.usage.reasoningTokens,
          };
        }
      }
      throw new DeepthinkError("internal", "The engine's stream ended without a finish.");
    },
    async close() {
      if (options.closeEngine !== false) await engine.close();
    },
  };
}
