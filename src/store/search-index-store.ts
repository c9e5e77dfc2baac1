/**
 * The local search index's repository: the only code that reads or writes index.db. Documents are
 * replaced whole (their chunks and FTS rows with them) inside one transaction, so a search never sees a
 * half-indexed file and a killed `deepthink index` loses only the file it was on.
 */
import { join } from "node:path";
import type { Database } from "better-sqlite3";
import { DeepthinkError } from "../errors.js";
import { type Env, loadModelsHome } from "../models/home.js";
import { openDatabase } from "./open-database.js";
import { SEARCH_INDEX_MIGRATIONS } from "./search-index-migrations.js";

export interface IndexedDocument {
  path: string;
  size: number;
  mtimeMs: number;
  sha256: string;
  kind: string;
  title: string;
}

export interface NewChunk {
  text: string;
  /** What FTS5 indexes (the text with CJK characters spaced apart). */
  body: string;
}

export interface ChunkHit {
  path: string;
  title: string;
  ordinal: number;
  text: string;
  /** FTS5 bm25(): lower is better. */
  score: number;
}

/** `$DEEPTHINK_HOME/index.db`. */
export function defaultSearchIndexPath(env: Env): string {
  return join(loadModelsHome(env).home, "index.db");
}

// Title matches weigh more than body matches: a file named for the topic is usually about it.
const TITLE_WEIGHT = 4;

export class SearchIndexStore {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  /** Opens (creating and migrating unless `readonly`) the index file. */
  static open(path: string, options: { readonly?: boolean; now?: () => number } = {}): SearchIndexStore {
    try {
      const db = openDatabase(path, { migrations: SEARCH_INDEX_MIGRATIONS, readonly: options.readonly });
      return new SearchIndexStore(db, options);
    } catch (error) {
      if (options.readonly !== true) throw error;
      throw new DeepthinkError("invalid_argument", `There is no search index at ${path}.`, {
        cause: error,
        hint: "build one with: deepthink index <folder>",
      });
    }
  }

  close(): void {
    this.#db.close();
  }

  /** Every document whose path lies under `folder` (a path ending in the separator). */
  documentsUnder(folder: string): IndexedDocument[] {
    return this.#db
      .prepare(
        `SELECT path, size, mtime_ms AS mtimeMs, sha256, kind, title FROM documents
         WHERE substr(path, 1, length(@folder)) = @folder ORDER BY path`,
      )
      .all({ folder }) as IndexedDocument[];
  }

  /** The file changed on disk but not in content (same hash): remember the new size and time. */
  touch(path: string, size: number, mtimeMs: number): void {
    this.#db.prepare("UPDATE documents SET size = ?, mtime_ms = ? WHERE path = ?").run(size, mtimeMs, path);
  }

  replace(document: IndexedDocument, chunks: readonly NewChunk[]): void {
    this.#db.transaction(() => {
      this.#db.prepare("DELETE FROM documents WHERE path = ?").run(document.path);
      const { lastInsertRowid } = this.#db
        .prepare(
          `INSERT INTO documents (path, size, mtime_ms, sha256, kind, title, indexed_at)
           VALUES (@path, @size, @mtimeMs, @sha256, @kind, @title, @now)`,
        )
        .run({ ...document, now: this.#now() });
      const insertChunk = this.#db.prepare(
        "INSERT INTO chunks (document_id, ordinal, text) VALUES (?, ?, ?)",
      );
      const insertFts = this.#db.prepare("INSERT INTO chunk_fts (rowid, title, body) VALUES (?, ?, ?)");
      chunks.forEach((chunk, ordinal) => {
        const id = insertChunk.run(lastInsertRowid, ordinal, chunk.text).lastInsertRowid;
        insertFts.run(id, document.title, chunk.body);
      });
    })();
  }

  remove(path: string): void {
    this.#db.prepare("DELETE FROM documents WHERE path = ?").run(path);
  }

  counts(): { documents: number; chunks: number } {
    const row = this.#db
      .prepare(
        "SELECT (SELECT count(*) FROM documents) AS documents, (SELECT count(*) FROM chunks) AS chunks",
      )
      .get() as { documents: number; chunks: number };
    return row;
  }

  /** Chunks matching an FTS5 query, best (BM25) first. */
  search(ftsQuery: string, limit: number): ChunkHit[] {
    return this.#db
      .prepare(
        `SELECT d.path, d.title, c.ordinal, c.text, bm25(chunk_fts, ${TITLE_WEIGHT}, 1.0) AS score
         FROM chunk_fts
         JOIN chunks c ON c.id = chunk_fts.rowid
         JOIN documents d ON d.id = c.document_id
         WHERE chunk_fts MATCH ?
         ORDER BY score, d.path, c.ordinal
         LIMIT ?`,
      )
      .all(ftsQuery, limit) as ChunkHit[];
  }
}
