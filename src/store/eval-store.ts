/**
 * The eval tables' repository: the only code that reads or writes them. Runs are keyed by the hash of
 * their configuration; samples are insert-only, one per (run, problem, sample index); verdicts are
 * insert-only too, and a sample's newest verdict is the one reports use.
 */
import type { Database, Statement } from "better-sqlite3";
import {
  type EvalRun,
  type EvalRunInput,
  type GradedSample,
  type ProblemInput,
  type RunRow,
  type SampleInput,
  type SampleRow,
  type SampleSummary,
  type SummaryRow,
  sampleKey,
  toGradedSample,
  toRun,
  toSampleSummary,
  type VerdictInput,
} from "./eval-records.js";

const NEWEST_VERDICT = `
  v.correct AS v_correct, v.extracted AS v_extracted, v.detail AS v_detail,
  v.grader_version AS v_grader_version, v.graded_at AS v_graded_at
  FROM eval_samples s
  LEFT JOIN eval_verdicts v ON v.id = (SELECT max(id) FROM eval_verdicts WHERE sample_id = s.id)`;

const SAMPLE_SELECT = `SELECT s.*, ${NEWEST_VERDICT}`;

const SUMMARY_SELECT = `
  SELECT s.id, s.run_hash, s.problem_id, s.sample_index, s.choice_order, s.finish_reason, s.prompt_tokens,
         s.completion_tokens, s.reasoning_tokens, s.latency_ms, s.seed, s.attempts, s.created_at, ${NEWEST_VERDICT}`;

const RUN_SELECT = `
  SELECT r.*, (SELECT count(*) FROM eval_samples s WHERE s.run_hash = r.hash) AS samples
  FROM eval_runs r`;

export class EvalStore {
  readonly #db: Database;
  readonly #now: () => Date;
  readonly #insertSample: Statement;
  readonly #insertVerdict: Statement;

  constructor(db: Database, options: { now?: () => Date } = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#insertSample = db.prepare(`
      INSERT INTO eval_samples (run_hash, problem_id, sample_index, prompt, choice_order, reasoning, content,
        finish_reason, prompt_tokens, completion_tokens, reasoning_tokens, latency_ms, seed, attempts, created_at)
      VALUES (@runHash, @problemId, @sampleIndex, @prompt, @choiceOrder, @reasoning, @content,
        @finishReason, @promptTokens, @completionTokens, @reasoningTokens, @latencyMs, @seed, @attempts, @createdAt)
      ON CONFLICT (run_hash, problem_id, sample_index) DO NOTHING
      RETURNING id`);
    this.#insertVerdict = db.prepare(`
      INSERT INTO eval_verdicts (sample_id, grader_version, correct, extracted, detail, graded_at)
      VALUES (@sampleId, @graderVersion, @correct, @extracted, @detail, @gradedAt)`);
  }

  /** Records the run once; later calls refresh only its non-identity facts (`info`). */
  saveRun(run: EvalRunInput, problems: readonly ProblemInput[]): void {
    const info = JSON.stringify(run.info);
    this.#db.transaction(() => {
      this.#db
        .prepare(
          `INSERT INTO eval_runs (hash, benchmark, label, config_json, info_json, created_at)
           VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (hash) DO UPDATE SET info_json = excluded.info_json, label = excluded.label`,
        )
        .run(run.hash, run.benchmark, run.label, JSON.stringify(run.config), info, this.#stamp());
      const insert = this.#db.prepare(
        `INSERT INTO eval_problems (run_hash, problem_id, position, type, gold) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (run_hash, problem_id) DO NOTHING`,
      );
      for (const p of problems) insert.run(run.hash, p.problemId, p.position, p.type, p.gold);
    })();
  }

  /**
   * Stores one generated sample in its own transaction. Returns its id, or null when the slot was
   * already filled (another process on the same run got there first): the first sample stays.
   */
  insertSample(sample: SampleInput): number | null {
    const row = this.#insertSample.get({
      ...sample,
      choiceOrder: sample.choiceOrder != null ? JSON.stringify(sample.choiceOrder) : null,
      createdAt: this.#stamp(),
    }) as { id: number } | undefined;
    return row?.id ?? null;
  }

  insertVerdict(verdict: VerdictInput): void {
    this.#insertVerdict.run({ ...verdict, correct: verdict.correct ? 1 : 0, gradedAt: this.#stamp() });
  }

  /** Several verdicts in one transaction (a re-grade). */
  insertVerdicts(verdicts: readonly VerdictInput[]): void {
    this.#db.transaction(() => {
      for (const verdict of verdicts) this.insertVerdict(verdict);
    })();
  }

  /** `(problem id, sample index)` pairs already stored, as `id\u0000index` keys. */
  sampleKeys(runHash: string): Set<string> {
    const rows = this.#db
      .prepare("SELECT problem_id, sample_index FROM eval_samples WHERE run_hash = ?")
      .all(runHash) as Array<{ problem_id: string; sample_index: number }>;
    return new Set(rows.map((row) => sampleKey(row.problem_id, row.sample_index)));
  }

  countSamples(runHash: string): number {
    const row = this.#db
      .prepare("SELECT count(*) AS n FROM eval_samples WHERE run_hash = ?")
      .get(runHash) as {
      n: number;
    };
    return row.n;
  }

  /** Every sample of a run with its newest verdict, by problem then sample index. */
  samples(runHash: string): GradedSample[] {
    const rows = this.#db
      .prepare(`${SAMPLE_SELECT} WHERE s.run_hash = ? ORDER BY s.problem_id, s.sample_index`)
      .all(runHash) as SampleRow[];
    return rows.map(toGradedSample);
  }

  /** The same without the texts: for metrics and resume over runs whose reasoning runs to gigabytes. */
  summaries(runHash: string): SampleSummary[] {
    const rows = this.#db
      .prepare(`${SUMMARY_SELECT} WHERE s.run_hash = ? ORDER BY s.problem_id, s.sample_index`)
      .all(runHash) as SummaryRow[];
    return rows.map(toSampleSummary);
  }

  /** One sample with its texts. */
  sample(id: number): GradedSample | undefined {
    const row = this.#db.prepare(`${SAMPLE_SELECT} WHERE s.id = ?`).get(id) as SampleRow | undefined;
    return row != null ? toGradedSample(row) : undefined;
  }

  run(hash: string): EvalRun | undefined {
    const row = this.#db.prepare(`${RUN_SELECT} WHERE r.hash = ?`).get(hash) as RunRow | undefined;
    return row != null ? toRun(row) : undefined;
  }

  /** Runs whose hash starts with `prefix` (hex), newest first. */
  findRuns(prefix: string): EvalRun[] {
    const pattern = `${prefix.toLowerCase().replace(/[^0-9a-f]/g, "")}%`;
    const rows = this.#db
      .prepare(`${RUN_SELECT} WHERE r.hash LIKE ? ORDER BY r.created_at DESC`)
      .all(pattern) as RunRow[];
    return rows.map(toRun);
  }

  listRuns(): EvalRun[] {
    const rows = this.#db.prepare(`${RUN_SELECT} ORDER BY r.created_at DESC`).all() as RunRow[];
    return rows.map(toRun);
  }

  problems(runHash: string): ProblemInput[] {
    const rows = this.#db
      .prepare(
        "SELECT problem_id, position, type, gold FROM eval_problems WHERE run_hash = ? ORDER BY position",
      )
      .all(runHash) as Array<{ problem_id: string; position: number; type: string; gold: string }>;
    return rows.map((r) => ({ problemId: r.problem_id, position: r.position, type: r.type, gold: r.gold }));
  }

  #stamp(): string {
    return this.#now().toISOString();
  }
}
