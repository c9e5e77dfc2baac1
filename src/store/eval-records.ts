/** The eval tables' records as the rest of deepthink sees them, and their mapping from SQLite rows. */
export interface EvalRunInput {
  hash: string;
  benchmark: string;
  /** What people call it in reports: `aime24`, or a custom file's name. */
  label: string;
  /** The hashed configuration. */
  config: unknown;
  /** Facts about the run that are not part of its identity (endpoint URL, data file path). */
  info: unknown;
}

export interface EvalRun extends EvalRunInput {
  createdAt: string;
  samples: number;
}

export interface ProblemInput {
  problemId: string;
  position: number;
  type: string;
  gold: string;
}

export interface SampleInput {
  runHash: string;
  problemId: string;
  sampleIndex: number;
  prompt: string;
  /** Multiple choice: `order[i]` is the original option shown at letter i. */
  choiceOrder: number[] | null;
  reasoning: string;
  content: string;
  finishReason: string;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  latencyMs: number | null;
  seed: number | null;
  /** Requests it took, retries included. */
  attempts: number;
}

export interface StoredSample extends SampleInput {
  id: number;
  createdAt: string;
}

export interface VerdictInput {
  sampleId: number;
  graderVersion: string;
  correct: boolean;
  extracted: string | null;
  detail: string | null;
}

export interface Verdict {
  correct: boolean;
  extracted: string | null;
  detail: string | null;
  graderVersion: string;
  gradedAt: string;
}

export interface GradedSample extends StoredSample {
  verdict: Verdict | null;
}

/** A graded sample without its texts (prompt, reasoning, answer): what metrics need, a fraction of the bytes. */
export type SampleSummary = Omit<GradedSample, "prompt" | "reasoning" | "content">;

export interface SampleRow extends SummaryRow {
  prompt: string;
  reasoning: string;
  content: string;
}

export interface SummaryRow {
  id: number;
  run_hash: string;
  problem_id: string;
  sample_index: number;
  choice_order: string | null;
  finish_reason: string;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  reasoning_tokens: number | null;
  latency_ms: number | null;
  seed: number | null;
  attempts: number;
  created_at: string;
  v_correct: number | null;
  v_extracted: string | null;
  v_detail: string | null;
  v_grader_version: string | null;
  v_graded_at: string | null;
}

export interface RunRow {
  hash: string;
  benchmark: string;
  label: string;
  config_json: string;
  info_json: string;
  created_at: string;
  samples: number;
}

export function sampleKey(problemId: string, sampleIndex: number): string {
  return `${problemId}\u0000${sampleIndex}`;
}

export function toRun(row: RunRow): EvalRun {
  return {
    hash: row.hash,
    benchmark: row.benchmark,
    label: row.label,
    config: JSON.parse(row.config_json) as unknown,
    info: JSON.parse(row.info_json) as unknown,
    createdAt: row.created_at,
    samples: row.samples,
  };
}

export function toGradedSample(row: SampleRow): GradedSample {
  return { ...toSampleSummary(row), prompt: row.prompt, reasoning: row.reasoning, content: row.content };
}

export function toSampleSummary(row: SummaryRow): SampleSummary {
  return {
    id: row.id,
    runHash: row.run_hash,
    problemId: row.problem_id,
    sampleIndex: row.sample_index,
    choiceOrder: row.choice_order != null ? (JSON.parse(row.choice_order) as number[]) : null,
    finishReason: row.finish_reason,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    reasoningTokens: row.reasoning_tokens,
    latencyMs: row.latency_ms,
    seed: row.seed,
    attempts: row.attempts,
    createdAt: row.created_at,
    verdict:
      row.v_correct != null
        ? {
            correct: row.v_correct === 1,
            extracted: row.v_extracted,
            detail: row.v_detail,
            graderVersion: row.v_grader_version ?? "",
            gradedAt: row.v_graded_at ?? "",
          }
        : null,
  };
}
