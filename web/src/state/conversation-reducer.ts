/**
 * The open conversation's state: its messages (all branches) and the branch on screen. Streaming text
 * arrives in batches (one per animation frame), so a long answer costs one state update per frame, not
 * one per token.
 */
import type { ChatMessage, Conversation, ConversationDetail } from "../api/wire";

/** A message as shown: `thinkingSince` (performance.now() time) drives the live "Thinking… 12s" clock. */
export type ViewMessage = ChatMessage & { thinkingSince?: number };

export interface ConversationState {
  conversation: Conversation | null;
  messages: ReadonlyMap<string, ViewMessage>;
}

export type ConversationAction =
  | { type: "loaded"; detail: ConversationDetail }
  | { type: "conversation"; conversation: Conversation }
  | { type: "upsert"; messages: ChatMessage[] }
  | { type: "snapshot"; message: ChatMessage; thinkingSince?: number }
  | { type: "append"; deltas: ReadonlyMap<string, Delta> }
  | { type: "end"; message: ChatMessage };

export interface Delta {
  reasoning: string;
  content: string;
  thinkingMs?: number;
}

export const EMPTY_STATE: ConversationState = { conversation: null, messages: new Map() };

export function conversationReducer(state: ConversationState, action: ConversationAction): ConversationState {
  switch (action.type) {
    case "loaded":
      return {
        conversation: action.detail.conversation,
        messages: new Map(action.detail.messages.map((m) => [m.id, m])),
      };
    case "conversation":
      return { ...state, conversation: action.conversation };
    case "upsert": {
      const messages = new Map(state.messages);
      for (const m of action.messages) messages.set(m.id, m);
      return { ...state, messages };
    }
    case "snapshot":
    case "end": {
      if (!state.messages.has(action.message.id)) return state;
      const messages = new Map(state.messages);
      const thinkingSince = action.type === "snapshot" ? action.thinkingSince : undefined;
      messages.set(
        action.message.id,
        thinkingSince != null ? { ...action.message, thinkingSince } : action.message,
      );
      return { ...state, messages };
    }
    case "append": {
      const messages = new Map(state.messages);
      for (const [id, delta] of action.deltas) {
        const m = messages.get(id);
        if (m == null || m.status !== "streaming") continue;
        const next: ViewMessage = {
          ...m,
          reasoning: m.reasoning + delta.reasoning,
          content: m.content + delta.content,
        };
        if (delta.thinkingMs != null) {
          next.thinkingMs = delta.thinkingMs;
          delete next.thinkingSince;
        }
        messages.set(id, next);
      }
      return { ...state, messages };
    }
  }
}
