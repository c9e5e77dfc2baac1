/**
 * `openDatabase`: deepthink's SQLite file, ready to use. WAL so a reader (a report, a test polling
 * progress) never blocks the writer and a killed process loses nothing committed; foreign keys on
 * (SQLite leaves them off by default); a busy timeout so two processes on one file wait instead of
 * failing at once; then the migrations.
 */
import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import { DeepthinkError } from "../errors.js";
import { type Env, loadModelsHome } from "../models/home.js";
import { type Migration, runMigrations } from "./migrate.js";
import { MIGRATIONS } from "./migrations.js";

export type { Database } from "better-sqlite3";

export interface OpenDatabaseOptions {
  /** Defaults to every migration deepthink has (tests pass their own lists). */
  migrations?: readonly Migration[];
  /** How long to wait for another process's write lock, in ms (default 5000). */
  busyTimeoutMs?: number;
  readonly?: boolean;
}

/** `$DEEPTHINK_HOME/deepthink.db`. */
export function defaultDatabasePath(env: Env): string {
  return join(loadModelsHome(env).home, "deepthink.db");
}

export function openDatabase(path: string, options: OpenDatabaseOptions = {}): Database {
  const readonly = options.readonly === true;
  let db: Database;
  try {
    if (!readonly && path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    db = new BetterSqlite3(path, { readonly, fileMustExist: readonly });
  } catch (error) {
    throw new DeepthinkError("invalid_argument", `Cannot open the database ${path}: ${messageOf(error)}`, {
      cause: error,
      param: "db",
      hint: "check the path and its permissions, or pass another file with --db",
    });
  }
  try {
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
    if (!readonly) {
      db.pragma("journal_mode = WAL");
      // With WAL, NORMAL loses nothing when the process dies (only on power loss), and is much faster.
      db.pragma("synchronous = NORMAL");
    }
    db.pragma("foreign_keys = ON");
    if (!readonly) runMigrations(db, options.migrations ?? MIGRATIONS, path);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
