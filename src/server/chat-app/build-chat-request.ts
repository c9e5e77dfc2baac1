/**
 * The engine request for an answer: the branch from the first question down to the question being
 * answered, answers only. Earlier reasoning is never sent back (the R1 template drops it, and DeepSeek's
 * API does the same); answers that never started (stopped while thinking, failed) are left out. The
 * protocol applies R1's rules: `<think>\n` forced, or an empty think block when DeepThink is off.
 */
import { type InputMessage, type NormalizedRequest, normalizeChatRequest } from "../../protocol/index.js";
import type { ChatMessage, ChatSettings } from "./chat-wire.js";

/** The messages from the root down to `leafId` (inclusive), following parent links. */
export function branchTo(messages: readonly ChatMessage[], leafId: string): ChatMessage[] {
  const byId = new Map(messages.map((m) => [m.id, m]));
  const branch: ChatMessage[] = [];
  for (let m = byId.get(leafId); m != null; m = m.parentId != null ? byId.get(m.parentId) : undefined) {
    branch.push(m);
    if (branch.length > byId.size) break; // a cycle cannot be written through the API; never loop on one
  }
  return branch.reverse();
}

export function buildChatRequest(
  branch: ReadonlyArray<Pick<ChatMessage, "role" | "content"> & { prompt?: string | null }>,
  settings: Pick<ChatSettings, "temperature" | "thinkingBudget">,
  deepThink: boolean,
): NormalizedRequest {
  const messages: InputMessage[] = [];
  for (const m of branch) {
    // A question with files or search is sent as it was the first time (its stored prompt).
    if (m.role === "user") messages.push({ role: "user", content: m.prompt ?? m.content });
    else if (m.content.trim() !== "") messages.push({ role: "assistant", content: m.content });
  }
  return normalizeChatRequest({
    messages,
    temperature: settings.temperature,
    thinking: deepThink ? { type: "enabled", budget_tokens: settings.thinkingBudget } : { type: "disabled" },
  });
}

/** How a request thinks, as stored with its answer: `on`, `off` or `budget:<tokens>`. */
export function thinkingLabel(request: NormalizedRequest): string {
  const t = request.thinking;
  return t.type === "budget" ? `budget:${t.tokens}` : t.type;
}
