/**
 * A tiny migration runner: numbered migrations in code, applied in order inside one transaction each,
 * with SQLite's `user_version` recording the last one applied. Every feature (eval now, the chat app
 * later) appends its migrations to the one list in `migrations.ts`; numbers never repeat or change.
 */
import type { Database } from "better-sqlite3";
import { DeepthinkError } from "../errors.js";

export interface Migration {
  /** 1, 2, 3 … in the order they were written; the database stores the last one applied. */
  version: number;
  /** What it does, for error messages: `eval: runs, samples, verdicts`. */
  name: string;
  up(db: Database): void;
}

/** Checks that versions run 1..n without gaps, so a mistyped number fails in tests, not on a user's disk. */
export function checkMigrations(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new DeepthinkError(
        "internal",
        `Migration '${migration.name}' has version ${migration.version}; expected ${index + 1} (versions run 1, 2, 3 … in order).`,
      );
    }
  });
}

/** Applies the migrations the database has not seen yet; returns the versions applied. */
export function runMigrations(
  db: Database,
  migrations: readonly Migration[],
  file = "the database",
): number[] {
  checkMigrations(migrations);
  const current = db.pragma("user_version", { simple: true }) as number;
  const latest = migrations.length;
  if (current > latest) {
    // A newer deepthink wrote this file: its tables may mean things this version does not know.
    throw new DeepthinkError(
      "invalid_argument",
      `${file} has schema version ${current}, newer than this deepthink knows (${latest}).`,
      { hint: "upgrade deepthink, or point --db at another file" },
    );
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    db.transaction(() => {
      migration.up(db);
      // PRAGMA takes no bound parameters; the value is our own integer.
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
