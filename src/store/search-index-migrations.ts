/**
 * The local search index's own SQLite file (`$DEEPTHINK_HOME/index.db`), separate from deepthink.db: it
 * is a cache of a folder that can be rebuilt at any time, can grow large, and may be shared read-only.
 *
 * `chunk_fts` is a standalone FTS5 table whose rowid is `chunks.id`. Its `body` is the passage with
 * CJK characters spaced apart (FTS5's unicode61 tokenizer would otherwise treat a whole Chinese
 * sentence as one token); the original text lives in `chunks.text` for snippets and the prompt. Porter
 * stemming makes "indexes" find "indexing". A trigger keeps FTS rows in step with deleted chunks.
 */
import type { Migration } from "./migrate.js";

export const SEARCH_INDEX_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "search index: documents, chunks, FTS5",
    up(db) {
      db.exec(`
        CREATE TABLE documents (
          id INTEGER PRIMARY KEY,
          path TEXT NOT NULL UNIQUE,
          size INTEGER NOT NULL,
          mtime_ms INTEGER NOT NULL,
          sha256 TEXT NOT NULL,
          kind TEXT NOT NULL,
          title TEXT NOT NULL,
          indexed_at INTEGER NOT NULL
        );
        CREATE TABLE chunks (
          id INTEGER PRIMARY KEY,
          document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
          ordinal INTEGER NOT NULL,
          text TEXT NOT NULL,
          UNIQUE (document_id, ordinal)
        );
        CREATE VIRTUAL TABLE chunk_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
        CREATE TRIGGER chunks_after_delete AFTER DELETE ON chunks BEGIN
          DELETE FROM chunk_fts WHERE rowid = old.id;
        END;
      `);
    },
  },
];
