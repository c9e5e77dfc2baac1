/**
 * The eval tables. Samples are append-only and unique per (run, problem, sample index): a resumed run
 * asks only for what is missing, and a duplicate insert is a bug that SQLite refuses. Verdicts live in
 * their own append-only table, one row per grading, so `eval score` can re-grade with a newer grader
 * without touching what the model said; the newest verdict of a sample is the one that counts.
 */
import type { Migration } from "./migrate.js";

export const EVAL_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "eval: runs, problems, samples, verdicts",
    up(db) {
      db.exec(`
        CREATE TABLE eval_runs (
          hash TEXT PRIMARY KEY,
          benchmark TEXT NOT NULL,
          label TEXT NOT NULL,
          config_json TEXT NOT NULL,
          info_json TEXT NOT NULL,
          created_at TEXT NOT NULL
        );
        CREATE TABLE eval_problems (
          run_hash TEXT NOT NULL REFERENCES eval_runs(hash),
          problem_id TEXT NOT NULL,
          position INTEGER NOT NULL,
          type TEXT NOT NULL,
          gold TEXT NOT NULL,
          PRIMARY KEY (run_hash, problem_id)
        );
        CREATE TABLE eval_samples (
          id INTEGER PRIMARY KEY,
          run_hash TEXT NOT NULL REFERENCES eval_runs(hash),
          problem_id TEXT NOT NULL,
          sample_index INTEGER NOT NULL,
          prompt TEXT NOT NULL,
          choice_order TEXT,
          reasoning TEXT NOT NULL,
          content TEXT NOT NULL,
          finish_reason TEXT NOT NULL,
          prompt_tokens INTEGER,
          completion_tokens INTEGER,
          reasoning_tokens INTEGER,
          latency_ms REAL,
          seed INTEGER,
          attempts INTEGER NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (run_hash, problem_id, sample_index)
        );
        CREATE TABLE eval_verdicts (
          id INTEGER PRIMARY KEY,
          sample_id INTEGER NOT NULL REFERENCES eval_samples(id),
          grader_version TEXT NOT NULL,
          correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
          extracted TEXT,
          detail TEXT,
          graded_at TEXT NOT NULL
        );
        CREATE INDEX eval_verdicts_by_sample ON eval_verdicts (sample_id, id);
      `);
    },
  },
];
