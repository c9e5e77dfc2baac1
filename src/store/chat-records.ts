/**
 * The chat tables as the rest of the code sees them (camelCase records), and the row → record mapping.
 * Only the chat store reads rows; everyone else gets these records.
 */
export type MessageRole = "user" | "assistant";

/** `streaming` while a generation runs; `stopped` when stopped by the user or a server restart. */
export type MessageStatus = "done" | "streaming" | "stopped" | "error";

export interface ConversationRecord {
  id: string;
  title: string;
  /** The newest message of the branch on screen; null for an empty conversation. */
  currentLeafId: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface MessageStats {
  finishReason: string | null;
  /** From the first reasoning token to the first answer token (or the end, when the answer never came). */
  thinkingMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  reasoningTokens: number | null;
  tokensPerSecond: number | null;
  totalMs: number | null;
}

/** A source an answer may cite as `[citation:index]` (the API's `sources` items). */
export interface SourceRecord {
  index: number;
  title: string;
  url: string;
  snippet: string;
}

/** A file attached to a question (its bytes stay in the database; `/api/attachments/:id` serves them). */
export interface AttachmentRecord {
  id: string;
  name: string;
  mime: string | null;
  size: number;
}

export interface MessageRecord extends MessageStats {
  id: string;
  conversationId: string;
  parentId: string | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  status: MessageStatus;
  error: string | null;
  /** How the model was asked to think: `on`, `off` or `budget:<tokens>` (assistant messages). */
  thinking: string | null;
  model: string | null;
  /** The text the model was sent for a question with files or search; null when it is `content`. */
  prompt: string | null;
  /** Web search results given with the question (on the question and on its answers); null without search. */
  sources: SourceRecord[] | null;
  attachments: AttachmentRecord[];
  createdAt: string;
  updatedAt: string;
}

export interface ConversationRow {
  id: string;
  title: string;
  current_leaf_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface MessageRow {
  id: string;
  conversation_id: string;
  parent_id: string | null;
  role: MessageRole;
  content: string;
  reasoning: string;
  status: MessageStatus;
  error: string | null;
  thinking: string | null;
  model: string | null;
  finish_reason: string | null;
  thinking_ms: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  reasoning_tokens: number | null;
  tokens_per_second: number | null;
  total_ms: number | null;
  prompt: string | null;
  sources_json: string | null;
  created_at: string;
  updated_at: string;
}

export function toConversation(row: ConversationRow): ConversationRecord {
  return {
    id: row.id,
    title: row.title,
    currentLeafId: row.current_leaf_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toMessage(row: MessageRow, attachments: AttachmentRecord[] = []): MessageRecord {
  return {
    id: row.id,
    conversationId: row.conversation_id,
    parentId: row.parent_id,
    role: row.role,
    content: row.content,
    reasoning: row.reasoning,
    status: row.status,
    error: row.error,
    thinking: row.thinking,
    model: row.model,
    finishReason: row.finish_reason,
    thinkingMs: row.thinking_ms,
    promptTokens: row.prompt_tokens,
    completionTokens: row.completion_tokens,
    reasoningTokens: row.reasoning_tokens,
    tokensPerSecond: row.tokens_per_second,
    totalMs: row.total_ms,
    prompt: row.prompt,
    sources: row.sources_json != null ? (JSON.parse(row.sources_json) as SourceRecord[]) : null,
    attachments,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
