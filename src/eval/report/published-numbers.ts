/**
 * The DeepSeek-R1 README's published numbers ("Distilled Model Evaluation", plus DeepSeek-R1 itself from
 * the main table), as data for the Markdown report's comparison rows. Percentages; CodeForces is a rating
 * and cannot be reproduced (DeepSeek's tests are private), so it is kept for reference only.
 */
export interface PublishedRow {
  model: string;
  /** Lowercase alphanumerics that identify the model in a file name, alias or repo id. */
  match: readonly string[];
  aime24: number;
  aime24Cons64: number | null;
  math500: number;
  gpqaDiamond: number;
  livecodebench: number;
  codeforcesRating: number;
}

export const PUBLISHED: readonly PublishedRow[] = [
  {
    model: "GPT-4o-0513",
    match: ["gpt4o"],
    aime24: 9.3,
    aime24Cons64: 13.4,
    math500: 74.6,
    gpqaDiamond: 49.9,
    livecodebench: 32.9,
    codeforcesRating: 759,
  },
  {
    model: "Claude-3.5-Sonnet-1022",
    match: ["claude35sonnet"],
    aime24: 16.0,
    aime24Cons64: 26.7,
    math500: 78.3,
    gpqaDiamond: 65.0,
    livecodebench: 38.9,
    codeforcesRating: 717,
  },
  {
    model: "o1-mini",
    match: ["o1mini"],
    aime24: 63.6,
    aime24Cons64: 80.0,
    math500: 90.0,
    gpqaDiamond: 60.0,
    livecodebench: 53.8,
    codeforcesRating: 1820,
  },
  {
    model: "QwQ-32B-Preview",
    match: ["qwq32b"],
    aime24: 44.0,
    aime24Cons64: 60.0,
    math500: 90.6,
    gpqaDiamond: 54.5,
    livecodebench: 41.9,
    codeforcesRating: 1316,
  },
  {
    model: "DeepSeek-R1-Distill-Qwen-1.5B",
    match: ["distillqwen15b"],
    aime24: 28.9,
    aime24Cons64: 52.7,
    math500: 83.9,
    gpqaDiamond: 33.8,
    livecodebench: 16.9,
    codeforcesRating: 954,
  },
  {
    model: "DeepSeek-R1-Distill-Qwen-7B",
    match: ["distillqwen7b"],
    aime24: 55.5,
    aime24Cons64: 83.3,
    math500: 92.8,
    gpqaDiamond: 49.1,
    livecodebench: 37.6,
    codeforcesRating: 1189,
  },
  {
    model: "DeepSeek-R1-Distill-Qwen-14B",
    match: ["distillqwen14b"],
    aime24: 69.7,
    aime24Cons64: 80.0,
    math500: 93.9,
    gpqaDiamond: 59.1,
    livecodebench: 53.1,
    codeforcesRating: 1481,
  },
  {
    model: "DeepSeek-R1-Distill-Qwen-32B",
    match: ["distillqwen32b"],
    aime24: 72.6,
    aime24Cons64: 83.3,
    math500: 94.3,
    gpqaDiamond: 62.1,
    livecodebench: 57.2,
    codeforcesRating: 1691,
  },
  {
    model: "DeepSeek-R1-Distill-Llama-8B",
    match: ["distillllama8b"],
    aime24: 50.4,
    aime24Cons64: 80.0,
    math500: 89.1,
    gpqaDiamond: 49.0,
    livecodebench: 39.6,
    codeforcesRating: 1205,
  },
  {
    model: "DeepSeek-R1-Distill-Llama-70B",
    match: ["distillllama70b"],
    aime24: 70.0,
    aime24Cons64: 86.7,
    math500: 94.5,
    gpqaDiamond: 65.2,
    livecodebench: 57.5,
    codeforcesRating: 1633,
  },
  {
    model: "DeepSeek-R1",
    match: ["deepseekr1", "deepseekreasoner"],
    aime24: 79.8,
    aime24Cons64: null,
    math500: 97.3,
    gpqaDiamond: 71.5,
    livecodebench: 65.9,
    codeforcesRating: 2029,
  },
];

/**
 * The published row for a model name (`DeepSeek-R1-Distill-Qwen-7B-Q4_K_M.gguf`, `r1-distill-qwen-7b`,
 * `deepseek-ai/DeepSeek-R1-Distill-Qwen-7B`), or undefined. Distills are tried before R1 itself, whose
 * key is a prefix of theirs.
 */
export function publishedRowFor(name: string): PublishedRow | undefined {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  const exact = PUBLISHED.find((row) => row.model.toLowerCase().replace(/[^a-z0-9]/g, "") === key);
  if (exact != null) return exact;
  const distill = PUBLISHED.find((row) => row.match.some((m) => m.startsWith("distill") && key.includes(m)));
  if (distill != null) return distill;
  // `r1-distill-qwen-7b` spells it without "deepseek"; DeepSeek-R1 itself must not swallow the distills.
  if (key.includes("distill")) return undefined;
  return PUBLISHED.find((row) => row.match.some((m) => key.includes(m)));
}
