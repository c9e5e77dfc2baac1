/**
 * A conversation's messages form a tree: a regenerated answer or an edited question is a sibling of the
 * one it replaces. The screen shows one branch, from the first question down to the current leaf; each
 * message with siblings shows "2/3" arrows, and moving to a sibling shows that sibling's newest branch.
 */
import type { ChatMessage } from "../api/wire";

export type MessageMap = ReadonlyMap<string, ChatMessage>;

export function branchTo(messages: MessageMap, leafId: string | null): ChatMessage[] {
  const branch: ChatMessage[] = [];
  let id = leafId;
  while (id != null) {
    const message = messages.get(id);
    if (message == null || branch.length > messages.size) break;
    branch.push(message);
    id = message.parentId;
  }
  return branch.reverse();
}

/** The messages sharing `message`'s parent (itself included), oldest first. */
export function siblingsOf(messages: MessageMap, message: ChatMessage): ChatMessage[] {
  return [...messages.values()]
    .filter((m) => m.parentId === message.parentId && m.role === message.role)
    .sort(byCreation);
}

/** The newest leaf under `message`: following the newest child at each step. */
export function newestLeafUnder(messages: MessageMap, message: ChatMessage): string {
  const children = new Map<string, ChatMessage[]>();
  for (const m of messages.values()) {
    if (m.parentId == null) continue;
    const list = children.get(m.parentId) ?? [];
    list.push(m);
    children.set(m.parentId, list);
  }
  let current = message;
  for (let step = 0; step <= messages.size; step++) {
    const next = children.get(current.id)?.sort(byCreation).at(-1);
    if (next == null) break;
    current = next;
  }
  return current.id;
}

function byCreation(a: ChatMessage, b: ChatMessage): number {
  return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
}
