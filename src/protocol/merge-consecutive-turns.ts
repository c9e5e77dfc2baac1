import type { ProtocolWarning } from "./types.js";

/** A user or assistant turn, with the input index it came from so errors and warnings can name it. */
export interface Turn {
  role: "user" | "assistant";
  content: string;
  index: number;
}

/**
 * DeepSeek's API rejects successive user or assistant messages with a 400; we join them with a blank
 * line instead, which is what a client that sends them almost always meant, and warn once.
 */
export function mergeConsecutiveTurns(turns: Turn[], warnings: ProtocolWarning[]): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    const previous = merged.at(-1);
    if (previous == null || previous.role !== turn.role) {
      merged.push({ ...turn });
      continue;
    }
    previous.content = [previous.content, turn.content].filter((text) => text !== "").join("\n\n");
    if (!warnings.some((warning) => warning.code === "messages_merged")) {
      warnings.push({
        code: "messages_merged",
        param: `messages[${turn.index}]`,
        message: `messages[${turn.index}] follows another ${turn.role} message; the two were joined with a blank line.`,
      });
    }
  }
  return merged;
}
