/**
 * A conversation as a file: Markdown (the branch on screen, each answer's reasoning in a collapsed
 * `<details>` quote, so the file reads well anywhere) or JSON (every message of every branch, with
 * reasoning, timings and token counts; the branch on screen listed by id).
 */
import { branchTo } from "./build-chat-request.js";
import type { ChatMessage, Conversation } from "./chat-wire.js";

export type ExportFormat = "markdown" | "json";

export interface ExportFile {
  fileName: string;
  contentType: string;
  body: string;
}

export function exportConversation(
  conversation: Conversation,
  messages: readonly ChatMessage[],
  format: ExportFormat,
  exportedAt: Date,
): ExportFile {
  const branch = conversation.currentLeafId != null ? branchTo(messages, conversation.currentLeafId) : [];
  const base = fileBase(conversation.title);
  if (format === "json") {
    const body = {
      format: "deepthink.conversation.v1",
      exportedAt: exportedAt.toISOString(),
      conversation,
      branch: branch.map((m) => m.id),
      messages,
    };
    return {
      fileName: `${base}.json`,
      contentType: "application/json; charset=utf-8",
      body: `${JSON.stringify(body, null, 2)}\n`,
    };
  }
  return {
    fileName: `${base}.md`,
    contentType: "text/markdown; charset=utf-8",
    body: toMarkdown(conversation, branch, exportedAt),
  };
}

function toMarkdown(conversation: Conversation, branch: readonly ChatMessage[], exportedAt: Date): string {
  const lines = [
    `# ${conversation.title || "Untitled"}`,
    "",
    `_Exported from deepthink on ${exportedAt.toISOString()}._`,
  ];
  for (const m of branch) {
    lines.push(
      "",
      m.role === "user" ? "## You" : `## Assistant${m.model != null ? ` (${m.model})` : ""}`,
      "",
    );
    if (m.role === "assistant" && m.reasoning.trim() !== "") {
      const seconds = m.thinkingMs != null ? ` for ${(m.thinkingMs / 1000).toFixed(1)} seconds` : "";
      const quoted = m.reasoning
        .trim()
        .split("\n")
        .map((line) => (line === "" ? ">" : `> ${line}`));
      lines.push("<details>", `<summary>Thought${seconds}</summary>`, "", ...quoted, "", "</details>", "");
    }
    lines.push(m.content.trim() !== "" ? m.content.trim() : "_(no answer)_");
    const note = statusNote(m);
    if (note != null) lines.push("", note);
  }
  return `${lines.join("\n")}\n`;
}

function statusNote(m: ChatMessage): string | undefined {
  if (m.role !== "assistant") return undefined;
  if (m.status === "stopped") return "_(stopped)_";
  if (m.status === "error") return `_(failed: ${m.error ?? "unknown error"})_`;
  if (m.status === "streaming") return "_(still generating when exported)_";
  return undefined;
}

/** A safe ASCII file name from a title (a title with no ASCII letters gives `conversation`). */
function fileBase(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[^\w\s-]/g, "")
    .trim()
    .replace(/\s+/g, "-")
    .slice(0, 60)
    .toLowerCase();
  return slug !== "" ? slug : "conversation";
}
