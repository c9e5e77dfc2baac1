/**
 * One benchmark run: generate every (problem, sample index) the store does not have yet, grade each as it
 * arrives, and store sample and verdict as they complete, so a run killed at any moment loses only the
 * requests in flight, and the next run with the same configuration asks for exactly what is missing.
 * Samples go out sample-index-major (every problem's sample 0, then every sample 1 …) so the running
 * score is an estimate over all problems from the start.
 */
import { availableParallelism } from "node:os";
import type { EvalStore, GradedSample } from "../../store/index.js";
import { RetriesExhausted, type RetryOptions, withRetry } from "../generation/retry.js";
import type { Generation, SampleGenerator } from "../generation/sample-generator.js";
import type { GradeResult } from "../graders/grade-result.js";
import { buildPrompt, type PromptOptions } from "../prompts/build-prompt.js";
import type { Problem } from "../types.js";
import { createLimiter } from "./limiter.js";
import { runPool } from "./work-pool.js";

export type GradeFn = (
  problem: Problem,
  answer: { content: string; choiceOrder: number[] | null },
) => Promise<GradeResult>;

export interface RunProgress {
  /** Samples the run needs: problems × K. */
  total: number;
  /** Samples stored so far (reused plus generated). */
  done: number;
  generated: number;
  failed: number;
  /** Running score over every graded sample, reused ones included. */
  correct: number;
  graded: number;
  /** Completion tokens generated in this session, for tokens/s. */
  completionTokens: number;
  elapsedMs: number;
}

export interface RunBenchmarkOptions {
  store: EvalStore;
  runHash: string;
  problems: readonly Problem[];
  samples: number;
  prompt: PromptOptions;
  sampling: { temperature: number; topP: number; seed: number | null };
  maxTokens: number;
  generator: SampleGenerator;
  grade: GradeFn;
  graderVersion: string;
  concurrency: number;
  /** Samples graded at once, apart from generation (default: the CPU count). */
  gradeConcurrency?: number;
  retry?: RetryOptions;
  signal?: AbortSignal;
  onProgress?: (progress: RunProgress) => void;
  now?: () => number;
}

export interface SampleFailure {
  problemId: string;
  sampleIndex: number;
  attempts: number;
  message: string;
}

export interface RunBenchmarkResult {
  generated: number;
  reused: number;
  /** Samples that could not be had this time (out of retries, or a prompt too long); still missing. */
  failures: SampleFailure[];
  /** Samples whose grading threw; stored without a verdict (`eval score` grades them again). */
  gradingErrors: Array<{ problemId: string; sampleIndex: number; message: string }>;
  /** Stopped by the signal (Ctrl-C) before finishing. */
  aborted: boolean;
}

interface Task {
  problem: Problem;
  sampleIndex: number;
}

export async function runBenchmark(options: RunBenchmarkOptions): Promise<RunBenchmarkResult> {
  const { store, runHash, problems, samples: k } = options;
  const now = options.now ?? Date.now;
  const startedAt = now();
  const byId = new Map(problems.map((p) => [p.id, p]));
  // Summaries, not samples: a long run's stored reasoning can run to gigabytes.
  const stored = store.summaries(runHash).filter((s) => byId.has(s.problemId) && s.sampleIndex < k);
  const have = new Set(stored.map((s) => `${s.problemId}\u0000${s.sampleIndex}`));
  const tasks: Task[] = [];
  for (let sampleIndex = 0; sampleIndex < k; sampleIndex++) {
    for (const problem of problems) {
      if (!have.has(`${problem.id}\u0000${sampleIndex}`)) tasks.push({ problem, sampleIndex });
    }
  }

  const result: RunBenchmarkResult = {
    generated: 0,
    reused: stored.length,
    failures: [],
    gradingErrors: [],
    aborted: false,
  };
  const progress: RunProgress = {
    total: problems.length * k,
    done: stored.length,
    generated: 0,
    failed: 0,
    correct: 0,
    graded: 0,
    completionTokens: 0,
    elapsedMs: 0,
  };
  const report = () => options.onProgress?.({ ...progress, elapsedMs: now() - startedAt });
  const countVerdict = (correct: boolean) => {
    progress.graded++;
    if (correct) progress.correct++;
  };

  const gradeLimit = createLimiter(options.gradeConcurrency ?? availableParallelism());
  const grading = new Set<Promise<void>>();
  const grade = async (
    problem: Problem,
    sample: Pick<GradedSample, "id" | "content" | "choiceOrder" | "sampleIndex">,
  ) => {
    try {
      const verdict = await options.grade(problem, {
        content: sample.content,
        choiceOrder: sample.choiceOrder,
      });
      store.insertVerdict({
        sampleId: sample.id,
        graderVersion: options.graderVersion,
        correct: verdict.correct,
        extracted: verdict.extracted,
        detail: verdict.detail ?? null,
      });
      countVerdict(verdict.correct);
    } catch (error) {
      result.gradingErrors.push({
        problemId: problem.id,
        sampleIndex: sample.sampleIndex,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };

  // Samples stored by an earlier run that stopped between generating and grading.
  for (const sample of stored) {
    if (sample.verdict != null) countVerdict(sample.verdict.correct);
    else
      await grade(byId.get(sample.problemId)!, {
        ...sample,
        content: store.sample(sample.id)?.content ?? "",
      });
  }
  report();

  const work = async ({ problem, sampleIndex }: Task, signal: AbortSignal) => {
    const { prompt, choiceOrder } = buildPrompt(problem, sampleIndex, options.prompt);
    const seed = options.sampling.seed != null ? options.sampling.seed + sampleIndex : undefined;
    const started = now();
    let outcome: { value: Generation; attempts: number };
    try {
      outcome = await withRetry(
        () =>
          options.generator.generate({
            prompt,
            temperature: options.sampling.temperature,
            topP: options.sampling.topP,
            maxTokens: options.maxTokens,
            signal,
            ...(seed != null ? { seed } : {}),
          }),
        { ...options.retry, signal },
      );
    } catch (error) {
      if (signal.aborted || !(error instanceof RetriesExhausted) || error.kind === "fatal") {
        throw error instanceof RetriesExhausted ? error.cause : error;
      }
      result.failures.push({
        problemId: problem.id,
        sampleIndex,
        attempts: error.attempts,
        message: error.message,
      });
      progress.failed++;
      report();
      return;
    }
    const generation = outcome.value;
    const id = store.insertSample({
      runHash,
      problemId: problem.id,
      sampleIndex,
      prompt,
      choiceOrder,
      reasoning: generation.reasoning,
      content: generation.content,
      finishReason: generation.finishReason,
      promptTokens: generation.promptTokens,
      completionTokens: generation.completionTokens,
      reasoningTokens: generation.reasoningTokens,
      latencyMs: now() - started,
      seed: seed ?? null,
      attempts: outcome.attempts,
    });
    result.generated++;
    progress.generated++;
    progress.done++;
    progress.completionTokens += generation.completionTokens ?? 0;
    report();
    // null: another process stored this slot first; its sample stands and it grades it. Grading goes on
    // beside generation; the sample is already safe, and a run killed before its verdict grades it next time.
    if (id != null) {
      const graded = gradeLimit(() =>
        grade(problem, { id, content: generation.content, choiceOrder, sampleIndex }),
      )
        .then(report)
        .finally(() => grading.delete(graded));
      grading.add(graded);
    }
  };

  try {
    await runPool(tasks, options.concurrency, work, options.signal);
  } catch (error) {
    if (options.signal?.aborted !== true) {
      await Promise.all(grading);
      throw error;
    }
    result.aborted = true;
  }
  await Promise.all(grading);
  report();
  return result;
}
