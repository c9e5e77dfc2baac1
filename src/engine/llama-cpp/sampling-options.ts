import { type LLamaChatGenerateResponseOptions, type LlamaModel, TokenBias } from "node-llama-cpp";
import type { NormalizedRequest } from "../../protocol/types.js";

type SamplingOptions = Pick<
  LLamaChatGenerateResponseOptions,
  "temperature" | "topP" | "topK" | "minP" | "seed" | "repeatPenalty" | "budgets" | "tokenBias"
>;

/**
 * The normalised sampling parameters in node-llama-cpp's terms. Repeat penalties stay off unless
 * asked for (node-llama-cpp turns one on by default; the R1 recommendations use none).
 */
export function samplingOptions(request: NormalizedRequest, model: LlamaModel): SamplingOptions {
  const { sampling } = request;
  const penalised =
    sampling.presencePenalty != null || sampling.frequencyPenalty != null || sampling.repeatPenalty != null;
  return {
    temperature: sampling.temperature,
    topP: sampling.topP,
    ...(sampling.topK != null ? { topK: sampling.topK } : {}),
    ...(sampling.minP != null ? { minP: sampling.minP } : {}),
    ...(sampling.seed != null ? { seed: sampling.seed } : {}),
    repeatPenalty: penalised
      ? {
          penalty: sampling.repeatPenalty ?? 1,
          ...(sampling.presencePenalty != null ? { presencePenalty: sampling.presencePenalty } : {}),
          ...(sampling.frequencyPenalty != null ? { frequencyPenalty: sampling.frequencyPenalty } : {}),
        }
      : false,
    ...(request.ignoreEos === true ? { tokenBias: () => endOfSequenceBanned(model) } : {}),
    // node-llama-cpp caps thoughts at 50-75% of the context by default; R1 must be free to think.
    // A requested budget is enforced by the generation itself (see generation.ts).
    budgets: { thoughtTokens: Number.POSITIVE_INFINITY },
  };
}

function endOfSequenceBanned(model: LlamaModel): TokenBias {
  const bias = new TokenBias(model.tokenizer);
  // TokenBias.set() deliberately skips end-of-generation tokens, so they go straight into its map
  // (node-llama-cpp is pinned; the engine test "ignoreEos …" fails if this ever stops working).
  const biases = (bias as unknown as { _biases: Map<number, number> })._biases;
  for (const token of [model.tokens.eos, model.tokens.eot])
    if (token != null) biases.set(token, Number.NEGATIVE_INFINITY);
  return bias;
}
