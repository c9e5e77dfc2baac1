/**
 * DeepSeek-R1's rules as data: the think tags, the README's math directive, its recommended sampling,
 * and how reasoning_effort maps onto thinking control. Everything R1-specific that is a value lives here.
 */
import type { ReasoningEffort, ThinkingControl, UsagePolicy } from "./types.js";

/** Opens the think block. The updated R1 chat template prefills `<think>\n`, so most outputs lack it. */
export const THINK_OPEN = "<think>";
/** Closes the think block. Plain text in the R1 vocabularies (special:false), so it survives detokenising. */
export const THINK_CLOSE = "</think>";

/** The README's usage recommendation 3, byte-exact (a single backslash before `boxed`). */
export const MATH_DIRECTIVE = "Please reason step by step, and put your final answer within \\boxed{}.";

/** The README's usage recommendation 1 and its evaluation protocol (top-p 0.95). */
export const RECOMMENDED_SAMPLING = {
  temperature: 0.6,
  temperatureMin: 0.5,
  temperatureMax: 0.7,
  topP: 0.95,
} as const;

/**
 * reasoning_effort → thinking control. R1 has no native effort knob (DeepSeek promised one for R1 and
 * never shipped it), so effort becomes a thinking-token budget. Why these numbers: R1's published
 * evaluation lets a response run to 32,768 tokens and hard maths routinely needs 8–16K of reasoning;
 * `high` allows half of that, `max` lifts the budget entirely (bounded only by max_tokens / context).
 * Budgets under ~512 cut R1 off mid-thought even on trivial questions, so `minimal` stops there.
 */
export const REASONING_EFFORT_THINKING: Readonly<Record<ReasoningEffort, ThinkingControl>> = {
  none: { type: "off" },
  minimal: { type: "budget", tokens: 512 },
  low: { type: "budget", tokens: 1024 },
  medium: { type: "budget", tokens: 4096 },
  high: { type: "budget", tokens: 16384 },
  max: { type: "on" },
};

/** DeepSeek's own limit on `stop` sequences. */
export const MAX_STOP_SEQUENCES = 16;

/** The README's recommendations, applied gently: warn rather than clamp, fold the system prompt, think. */
export const DEFAULT_USAGE_POLICY: Readonly<UsagePolicy> = {
  enforceTemperatureRange: false,
  keepSystemPrompt: false,
  mathDirective: false,
  defaultThinking: { type: "on" },
};
