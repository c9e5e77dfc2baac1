/**
 * The chat tables' repository: the only code that reads or writes them. A streaming answer is saved
 * as it grows (`saveProgress`, many small writes under WAL) and once more when it ends (`finishMessage`);
 * `interruptStreaming` marks answers whose generation died with the process as stopped.
 */
import type { Database, Statement } from "better-sqlite3";
import {
  type AttachmentRecord,
  type ConversationRecord,
  type ConversationRow,
  type MessageRecord,
  type MessageRole,
  type MessageRow,
  type MessageStats,
  type MessageStatus,
  type SourceRecord,
  toConversation,
  toMessage,
} from "./chat-records.js";

export interface NewMessage {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  status: MessageStatus;
  thinking?: string | null;
  model?: string | null;
  prompt?: string | null;
  sources?: SourceRecord[] | null;
  attachments?: NewAttachment[];
}

export interface NewAttachment {
  id: string;
  name: string;
  mime: string | null;
  bytes: Uint8Array;
  /** The text the model was given for it (as extracted, cut to fit when it had to be). */
  text: string;
}

export interface MessageEnd extends Partial<MessageStats> {
  status: Exclude<MessageStatus, "streaming">;
  content: string;
  reasoning: string;
  error?: string | null;
}

export class ChatStore {
  readonly #db: Database;
  readonly #now: () => Date;
  readonly #saveProgress: Statement;

  constructor(db: Database, options: { now?: () => Date } = {}) {
    this.#db = db;
    this.#now = options.now ?? (() => new Date());
    this.#saveProgress = db.prepare(
      `UPDATE chat_messages SET content = @content, reasoning = @reasoning, thinking_ms = @thinkingMs,
         updated_at = @now WHERE id = @id`,
    );
  }

  /** Runs `work` in one transaction (several writes that stand or fall together). */
  transaction<T>(work: () => T): T {
    return this.#db.transaction(work)();
  }

  createConversation(id: string, title: string): ConversationRecord {
    const now = this.#stamp();
    this.#db
      .prepare(
        "INSERT INTO chat_conversations (id, title, current_leaf_id, created_at, updated_at) VALUES (?, ?, NULL, ?, ?)",
      )
      .run(id, title, now, now);
    return { id, title, currentLeafId: null, createdAt: now, updatedAt: now };
  }

  /** Newest first; `query` matches anywhere in the title, case-insensitively for ASCII. */
  listConversations(query = "", limit = 200): ConversationRecord[] {
    const pattern = `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = this.#db
      .prepare(
        `SELECT * FROM chat_conversations WHERE title LIKE ? ESCAPE '\\'
         ORDER BY updated_at DESC, rowid DESC LIMIT ?`,
      )
      .all(pattern, limit) as ConversationRow[];
    return rows.map(toConversation);
  }

  conversation(id: string): ConversationRecord | undefined {
    const row = this.#db.prepare("SELECT * FROM chat_conversations WHERE id = ?").get(id) as
      | ConversationRow
      | undefined;
    return row != null ? toConversation(row) : undefined;
  }

  /** Renaming or switching branches; `touch` also moves the conversation to the top of the list. */
  updateConversation(
    id: string,
    change: { title?: string; currentLeafId?: string | null },
    touch = false,
  ): ConversationRecord | undefined {
    const current = this.conversation(id);
    if (current == null) return undefined;
    const next = {
      ...current,
      ...(change.title != null ? { title: change.title } : {}),
      ...(change.currentLeafId !== undefined ? { currentLeafId: change.currentLeafId } : {}),
      ...(touch ? { updatedAt: this.#stamp() } : {}),
    };
    this.#db
      .prepare("UPDATE chat_conversations SET title = ?, current_leaf_id = ?, updated_at = ? WHERE id = ?")
      .run(next.title, next.currentLeafId, next.updatedAt, id);
    return next;
  }

  deleteConversation(id: string): boolean {
    return this.#db.prepare("DELETE FROM chat_conversations WHERE id = ?").run(id).changes > 0;
  }

  /** Every message of a conversation (all branches), oldest first. */
  messages(conversationId: string): MessageRecord[] {
    const rows = this.#db
      .prepare("SELECT * FROM chat_messages WHERE conversation_id = ? ORDER BY created_at, rowid")
      .all(conversationId) as MessageRow[];
    const attachments = this.#attachmentsOf(
      "SELECT a.message_id, a.id, a.name, a.mime, length(a.bytes) AS size FROM chat_attachments a JOIN chat_messages m ON m.id = a.message_id WHERE m.conversation_id = ? ORDER BY a.position",
      conversationId,
    );
    return rows.map((row) => toMessage(row, attachments.get(row.id)));
  }

  /** A stored attachment's bytes, for download. */
  attachment(id: string): (AttachmentRecord & { bytes: Buffer; messageId: string }) | undefined {
    const row = this.#db
      .prepare(
        "SELECT id, message_id, name, mime, bytes, length(bytes) AS size FROM chat_attachments WHERE id = ?",
      )
      .get(id) as (AttachmentRecord & { bytes: Buffer; message_id: string }) | undefined;
    if (row == null) return undefined;
    const { message_id, ...rest } = row;
    return { ...rest, messageId: message_id };
  }

  #attachmentsOf(sql: string, key: string): Map<string, AttachmentRecord[]> {
    const rows = this.#db.prepare(sql).all(key) as Array<AttachmentRecord & { message_id: string }>;
    const byMessage = new Map<string, AttachmentRecord[]>();
    for (const { message_id, ...attachment } of rows) {
      const list = byMessage.get(message_id) ?? [];
      list.push(attachment);
      byMessage.set(message_id, list);
    }
    return byMessage;
  }

  message(id: string): MessageRecord | undefined {
    const row = this.#db.prepare("SELECT * FROM chat_messages WHERE id = ?").get(id) as
      | MessageRow
      | undefined;
    if (row == null) return undefined;
    const attachments = this.#attachmentsOf(
      "SELECT message_id, id, name, mime, length(bytes) AS size FROM chat_attachments WHERE message_id = ? ORDER BY position",
      id,
    );
    return toMessage(row, attachments.get(id));
  }

  insertMessage(input: NewMessage): MessageRecord {
    const now = this.#stamp();
    this.#db
      .prepare(
        `INSERT INTO chat_messages (id, conversation_id, parent_id, role, content, reasoning, status, thinking,
           model, prompt, sources_json, created_at, updated_at)
         VALUES (@id, @conversationId, @parentId, @role, @content, '', @status, @thinking, @model, @prompt,
           @sourcesJson, @now, @now)`,
      )
      .run({
        id: input.id,
        conversationId: input.conversationId,
        parentId: input.parentId,
        role: input.role,
        content: input.content,
        status: input.status,
        thinking: input.thinking ?? null,
        model: input.model ?? null,
        prompt: input.prompt ?? null,
        sourcesJson: input.sources != null ? JSON.stringify(input.sources) : null,
        now,
      });
    const addAttachment = this.#db.prepare(
      `INSERT INTO chat_attachments (id, message_id, position, name, mime, bytes, text)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    (input.attachments ?? []).forEach((a, position) => {
      addAttachment.run(a.id, input.id, position, a.name, a.mime, Buffer.from(a.bytes), a.text);
    });
    return this.message(input.id)!;
  }

  saveProgress(
    id: string,
    progress: { content: string; reasoning: string; thinkingMs: number | null },
  ): void {
    this.#saveProgress.run({ ...progress, id, now: this.#stamp() });
  }

  finishMessage(id: string, end: MessageEnd): MessageRecord | undefined {
    this.#db
      .prepare(
        `UPDATE chat_messages SET status = @status, content = @content, reasoning = @reasoning, error = @error,
           finish_reason = @finishReason, thinking_ms = @thinkingMs, prompt_tokens = @promptTokens,
           completion_tokens = @completionTokens, reasoning_tokens = @reasoningTokens,
           tokens_per_second = @tokensPerSecond, total_ms = @totalMs, updated_at = @now
         WHERE id = @id`,
      )
      .run({
        id,
        status: end.status,
        content: end.content,
        reasoning: end.reasoning,
        error: end.error ?? null,
        finishReason: end.finishReason ?? null,
        thinkingMs: end.thinkingMs ?? null,
        promptTokens: end.promptTokens ?? null,
        completionTokens: end.completionTokens ?? null,
        reasoningTokens: end.reasoningTokens ?? null,
        tokensPerSecond: end.tokensPerSecond ?? null,
        totalMs: end.totalMs ?? null,
        now: this.#stamp(),
      });
    return this.message(id);
  }

  /** Answers left `streaming` by a process that died: what was saved stays, marked stopped. */
  interruptStreaming(): number {
    return this.#db
      .prepare(
        "UPDATE chat_messages SET status = 'stopped', finish_reason = 'interrupted', updated_at = ? WHERE status = 'streaming'",
      )
      .run(this.#stamp()).changes;
  }

  settings(): Record<string, unknown> {
    const rows = this.#db.prepare("SELECT key, value_json FROM chat_settings").all() as Array<{
      key: string;
      value_json: string;
    }>;
    return Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value_json) as unknown]));
  }

  saveSettings(values: Record<string, unknown>): void {
    const upsert = this.#db.prepare(
      `INSERT INTO chat_settings (key, value_json) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET value_json = excluded.value_json`,
    );
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(values)) upsert.run(key, JSON.stringify(value));
    })();
  }

  #stamp(): string {
    return this.#now().toISOString();
  }
}
