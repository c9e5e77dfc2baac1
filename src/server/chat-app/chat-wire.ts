/**
 * The chat app's JSON API as types: what `/api` answers and what its event stream carries. Types only,
 * so the web app imports them too (one contract, checked on both sides).
 */
import type { ConversationRecord, MessageRecord } from "../../store/chat-records.js";

export type Conversation = ConversationRecord;
export type ChatMessage = MessageRecord;

export type ThinkingPanelMode = "auto" | "expanded" | "collapsed";
export type ThemeMode = "system" | "light" | "dark";

export interface ChatSettings {
  /** The DeepThink toggle by the input: think before answering, or skip thinking (empty think block). */
  deepThink: boolean;
  /** Most reasoning tokens before the model is made to answer; null lets it think as long as it needs. */
  thinkingBudget: number | null;
  /** The README recommends 0.5–0.7 (0.6). */
  temperature: number;
  /** `auto`: open while thinking streams, closed once the answer starts. */
  thinkingPanel: ThinkingPanelMode;
  theme: ThemeMode;
  /** The web search toggle by the input: search with each question and cite the results. */
  webSearch: boolean;
  /** The model picker in the header: the id of a served model; null (or one no longer served) is the default. */
  model: string | null;
}

/** One model of `GET /api/models`: every model the server serves (the embedded one and upstream ones). */
export interface ChatModel {
  id: string;
  aliases: string[];
  state: "loading" | "ready" | "error";
  /** The first model: what a question gets when no model is chosen. */
  isDefault: boolean;
}

/** A file sent with a question: base64 of its bytes. */
export interface AttachmentUpload {
  name: string;
  data: string;
  mimeType?: string;
}

export interface ConversationDetail {
  conversation: Conversation;
  /** Every message of every branch, oldest first; the branch on screen ends at `currentLeafId`. */
  messages: ChatMessage[];
}

export interface SendResult {
  conversation: Conversation;
  /** The new question (absent for a regenerated answer). */
  user?: ChatMessage;
  /** The answer being generated (status `streaming`); follow it at `/api/messages/:id/events`. */
  assistant: ChatMessage;
  /** Files cut to fit the context: one line each, to show beside the question. */
  warnings?: string[];
}

export interface ModelStatus {
  state: "loading" | "ready" | "error";
  message?: string;
  /** 0–1 while loading or downloading, when known. */
  progress?: number;
  /** How to fix an error (a command, a flag). */
  hint?: string;
  modelId?: string;
  aliases?: string[];
  contextSize?: number;
  parallel?: number;
  busySlots?: number;
  queueDepth?: number;
}

/** One frame of `/api/messages/:id/events` (each an SSE `data:` line of JSON). */
export type StreamEvent =
  /** First frame: the message as it stands (saved text plus what streamed since the last save). */
  | { type: "snapshot"; message: ChatMessage; thinkingElapsedMs: number | null }
  | { type: "reasoning"; text: string }
  /** Thinking ended (the first answer token arrived), after `thinkingMs`. */
  | { type: "thought"; thinkingMs: number }
  | { type: "answer"; text: string }
  /** Last frame: the message as saved (done, stopped or error, with timings and token counts). */
  | { type: "end"; message: ChatMessage };
