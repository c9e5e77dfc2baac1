import { answerOf } from "./answer-of.js";
import { appendMathDirective } from "./append-math-directive.js";
import type { InputMessage } from "./chat-request-input.js";
import { THINK_CLOSE } from "./constants.js";
import { invalidRequest, quote } from "./invalid-request.js";
import { mergeConsecutiveTurns, type Turn } from "./merge-consecutive-turns.js";
import { readBoolean } from "./read-boolean.js";
import { readMessageText } from "./read-message-text.js";
import type { ChatMessage, ProtocolWarning } from "./types.js";

export interface MessageRules {
  keepSystemPrompt: boolean;
  mathDirective: boolean;
}

export interface NormalizedMessages {
  messages: ChatMessage[];
  assistantPrefix?: string;
  warnings: ProtocolWarning[];
}

const ROLES = ["system", "developer", "user", "assistant"];

/**
 * The conversation as R1 should see it: system text folded into the first user turn (or kept as one
 * system message at the start), earlier assistant turns reduced to their answers, consecutive turns of one
 * role merged, and a trailing `prefix: true` assistant message lifted out as the answer prefix.
 * System messages are collected wherever they stand, as the R1 chat template does.
 */
export function normalizeMessages(
  input: readonly InputMessage[] | null | undefined,
  rules: MessageRules,
): NormalizedMessages {
  if (!Array.isArray(input) || input.length === 0) {
    throw invalidRequest("messages", "messages must be a non-empty array of chat messages.");
  }
  const warnings: ProtocolWarning[] = [];
  const systems: { text: string; index: number }[] = [];
  const turns: Turn[] = [];
  let assistantPrefix: string | undefined;
  let reasoningDroppedAt: number | undefined;

  for (const [index, message] of input.entries()) {
    const param = `messages[${index}]`;
    if (typeof message !== "object" || message === null) {
      throw invalidRequest(param, `${param} must be a message object; got ${quote(message)}.`);
    }
    const role: unknown = message.role;
    if (typeof role !== "string" || !ROLES.includes(role)) {
      throw invalidRequest(
        `${param}.role`,
        `${param}.role must be one of ${ROLES.join(", ")}; got ${quote(role)} (R1 has no tool calling here).`,
      );
    }
    const text = readMessageText(message.content, index);
    const isPrefix = readPrefix(message.prefix, param, role, index === input.length - 1);
    const hasReasoning = message.reasoning_content != null || message.reasoning != null;

    if (role === "system" || role === "developer") {
      if (text != null && text.trim() !== "") systems.push({ text, index });
    } else if (isPrefix) {
      // The answer continues this text verbatim (after any thinking), so it is kept exactly as sent.
      assistantPrefix = text ?? "";
      if (hasReasoning) reasoningDroppedAt ??= index;
    } else if (role === "user") {
      if (text == null || text === "") {
        throw invalidRequest(
          `${param}.content`,
          `${param}.content must be non-empty text for a user message.`,
        );
      }
      turns.push({ role, content: text, index });
    } else {
      if (hasReasoning || text?.includes(THINK_CLOSE)) reasoningDroppedAt ??= index;
      turns.push({ role: "assistant", content: answerOf(text ?? ""), index });
    }
  }

  if (reasoningDroppedAt != null) {
    warnings.push({
      code: "reasoning_dropped",
      param: `messages[${reasoningDroppedAt}]`,
      message:
        "Earlier reasoning (reasoning_content, reasoning, or text before </think>) is not sent back to the " +
        "model: R1's chat template keeps only each assistant turn's answer.",
    });
  }
  checkLastTurn(turns, assistantPrefix != null);
  const merged = mergeConsecutiveTurns(turns, warnings);
  const messages: ChatMessage[] = merged.map(({ role, content }) => ({ role, content }));

  if (rules.mathDirective) {
    const lastUser = messages.findLast((message) => message.role === "user");
    if (lastUser != null) lastUser.content = appendMathDirective(lastUser.content);
  }
  const first = systems[0];
  if (first != null) {
    const systemText = systems.map((system) => system.text).join("\n\n");
    if (rules.keepSystemPrompt) {
      messages.unshift({ role: "system", content: systemText });
    } else {
      // checkLastTurn guarantees a user turn exists.
      const firstUser = messages.find((message) => message.role === "user")!;
      firstUser.content = `${systemText}\n\n${firstUser.content}`;
      warnings.push({
        code: "system_prompt_folded",
        param: `messages[${first.index}]`,
        message:
          "DeepSeek-R1 is meant to run without a system prompt; the system text was moved to the start " +
          "of the first user message, as the README recommends.",
      });
    }
  }
  return assistantPrefix != null ? { messages, assistantPrefix, warnings } : { messages, warnings };
}

function readPrefix(value: unknown, param: string, role: string, isLast: boolean): boolean {
  if (readBoolean(value, `${param}.prefix`) !== true) return false;
  if (role !== "assistant" || !isLast) {
    throw invalidRequest(
      `${param}.prefix`,
      `${param}.prefix: true is accepted only on the last message, and only on an assistant message.`,
    );
  }
  return true;
}

/** DeepSeek's rule, with its wording: the conversation must end on the user's turn. */
function checkLastTurn(turns: Turn[], hasPrefix: boolean): void {
  const last = turns.at(-1);
  if (last == null || !turns.some((turn) => turn.role === "user")) {
    throw invalidRequest("messages", "messages must contain at least one user message.");
  }
  if (last.role === "user") return;
  const param = `messages[${last.index}].role`;
  throw invalidRequest(
    param,
    hasPrefix
      ? `${param} is "assistant": an assistant message with prefix: true must follow a user message.`
      : `${param} is "assistant", but the last message must be a user message, or an assistant message ` +
          "with prefix: true (system messages aside).",
  );
}
