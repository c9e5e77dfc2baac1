import type { ChatRequestInput } from "./chat-request-input.js";
import { RECOMMENDED_SAMPLING } from "./constants.js";
import { readNumber } from "./read-number.js";
import type { ProtocolWarning, SamplingParams } from "./types.js";

const { temperatureMin, temperatureMax } = RECOMMENDED_SAMPLING;

/**
 * Sampling per the README: temperature 0.6 and top-p 0.95 unless asked otherwise. A temperature outside
 * 0.5–0.7 is served as asked (a user may want T=0 for a deterministic test), with a warning, because R1
 * then tends to repeat endlessly or lose coherence; `enforceTemperatureRange` clamps it instead.
 * Optional knobs are copied only when present, so an engine's own defaults stay in force otherwise.
 */
export function normalizeSampling(
  input: ChatRequestInput,
  enforceTemperatureRange: boolean,
): { sampling: SamplingParams; warnings: ProtocolWarning[] } {
  const warnings: ProtocolWarning[] = [];
  let temperature =
    readNumber(input.temperature, "temperature", { min: 0, max: 2 }) ?? RECOMMENDED_SAMPLING.temperature;
  if (temperature < temperatureMin || temperature > temperatureMax) {
    const asked = temperature;
    if (enforceTemperatureRange)
      temperature = Math.min(temperatureMax, Math.max(temperatureMin, temperature));
    warnings.push({
      code: "temperature_out_of_range",
      param: "temperature",
      message:
        `temperature ${asked} is outside DeepSeek-R1's recommended ${temperatureMin}–${temperatureMax} ` +
        `(0.6 recommended), where it tends to repeat endlessly or become incoherent; ` +
        (enforceTemperatureRange ? `clamped to ${temperature} by this server's policy.` : "served as asked."),
    });
  }

  const topP = readNumber(input.top_p, "top_p", { min: 0, minExclusive: true, max: 1 });
  if (topP != null && topP !== RECOMMENDED_SAMPLING.topP) {
    warnings.push({
      code: "top_p_changed",
      param: "top_p",
      message: `top_p ${topP} differs from the ${RECOMMENDED_SAMPLING.topP} DeepSeek-R1 is evaluated with; served as asked.`,
    });
  }

  const sampling: SamplingParams = { temperature, topP: topP ?? RECOMMENDED_SAMPLING.topP };
  const topK = readNumber(input.top_k, "top_k", { min: -1, integer: true });
  // vLLM spells "no top-k" as -1, llama.cpp as 0: one spelling (0) from here on.
  if (topK != null) sampling.topK = Math.max(0, topK);
  const minP = readNumber(input.min_p, "min_p", { min: 0, max: 1 });
  if (minP != null) sampling.minP = minP;
  const seed = readNumber(input.seed, "seed", { integer: true });
  if (seed != null) sampling.seed = seed;
  const presencePenalty = readNumber(input.presence_penalty, "presence_penalty", { min: -2, max: 2 });
  if (presencePenalty != null) sampling.presencePenalty = presencePenalty;
  const frequencyPenalty = readNumber(input.frequency_penalty, "frequency_penalty", { min: -2, max: 2 });
  if (frequencyPenalty != null) sampling.frequencyPenalty = frequencyPenalty;
  const repeatPenalty = readNumber(input.repeat_penalty, "repeat_penalty", {
    min: 0,
    minExclusive: true,
    max: 2,
  });
  if (repeatPenalty != null) sampling.repeatPenalty = repeatPenalty;
  return { sampling, warnings };
}
