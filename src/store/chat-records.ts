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

export function toMessage(row: MessageRow): MessageRecord {
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
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
