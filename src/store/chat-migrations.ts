/**
 * The chat app's tables. Messages form a tree (each has a parent), so a regenerated answer or an edited
 * question is a sibling of the message it replaces and every earlier version stays reachable; the
 * conversation remembers which leaf is shown. An assistant message is written while it streams (status
 * `streaming`) and keeps its reasoning apart from its answer, with the timings and token counts.
 */
import type { Migration } from "./migrate.js";

/** Versions continue after the eval tables' (1); they never change once released. */
export const CHAT_MIGRATIONS: readonly Migration[] = [
  {
    version: 2,
    name: "chat: conversations, messages, settings",
    up(db) {
      db.exec(`
        CREATE TABLE chat_conversations (
          id TEXT PRIMARY KEY,
          title TEXT NOT NULL,
          current_leaf_id TEXT,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX chat_conversations_by_update ON chat_conversations (updated_at DESC);
        CREATE TABLE chat_messages (
          id TEXT PRIMARY KEY,
          conversation_id TEXT NOT NULL REFERENCES chat_conversations(id) ON DELETE CASCADE,
          parent_id TEXT REFERENCES chat_messages(id) ON DELETE CASCADE,
          role TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
          content TEXT NOT NULL,
          reasoning TEXT NOT NULL DEFAULT '',
          status TEXT NOT NULL CHECK (status IN ('done', 'streaming', 'stopped', 'error')),
          error TEXT,
          thinking TEXT,
          model TEXT,
          finish_reason TEXT,
          thinking_ms REAL,
          prompt_tokens INTEGER,
          completion_tokens INTEGER,
          reasoning_tokens INTEGER,
          tokens_per_second REAL,
          total_ms REAL,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        );
        CREATE INDEX chat_messages_by_conversation ON chat_messages (conversation_id, created_at);
        CREATE INDEX chat_messages_by_parent ON chat_messages (parent_id);
        CREATE TABLE chat_settings (
          key TEXT PRIMARY KEY,
          value_json TEXT NOT NULL
        );
      `);
    },
  },
  {
    version: 3,
    name: "chat: attachments, the prompt sent, sources",
    up(db) {
      // The prompt is the augmented text (file and search templates) a user message was sent as, so later
      // turns and regenerations send exactly the same text without extracting or searching again; null
      // when it is the message's own words. Sources are JSON (toApiSources), on the question and its answers.
      db.exec(`
        ALTER TABLE chat_messages ADD COLUMN prompt TEXT;
        ALTER TABLE chat_messages ADD COLUMN sources_json TEXT;
        CREATE TABLE chat_attachments (
          id TEXT PRIMARY KEY,
          message_id TEXT NOT NULL REFERENCES chat_messages(id) ON DELETE CASCADE,
          position INTEGER NOT NULL,
          name TEXT NOT NULL,
          mime TEXT,
          bytes BLOB NOT NULL,
          text TEXT NOT NULL
        );
        CREATE INDEX chat_attachments_by_message ON chat_attachments (message_id, position);
      `);
    },
  },
];
