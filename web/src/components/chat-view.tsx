/**
 * One conversation: the message list, the composer, and the glue — a question waiting from the new-chat
 * page is asked once the conversation has loaded, Esc stops the answer, errors show above the input.
 */
import { useCallback, useEffect, useRef } from "react";
import type { ChatMessage, ChatSettings } from "../api/wire";
import { useConversation } from "../hooks/use-conversation";
import { type AttachedFile, Composer } from "./composer";
import { MessageList } from "./message-list";

/** A question typed on the new-chat page, with its files. */
export interface FirstQuestion {
  text: string;
  files: AttachedFile[];
}

export interface ChatViewProps {
  id: string;
  settings: ChatSettings;
  blockedReason: string | null;
  /** A question typed on the new-chat page, to ask as soon as this conversation is open. */
  firstQuestion: FirstQuestion | null;
  onFirstQuestionTaken: () => void;
  onDeepThink: (on: boolean) => void;
  onWebSearch?: (on: boolean) => void;
  onChanged: () => void;
  onMissing: () => void;
  onTitle: (title: string) => void;
  announce: (text: string) => void;
}

export function ChatView(props: ChatViewProps) {
  const { settings, announce } = props;
  const onAnswerEnd = useCallback(
    (m: ChatMessage) =>
      announce(
        m.status === "done"
          ? "Answer complete."
          : m.status === "stopped"
            ? "Answer stopped."
            : "Answer failed.",
      ),
    [announce],
  );
  const chat = useConversation(props.id, { onChanged: props.onChanged, onAnswerEnd });
  const latest = useRef(chat);
  latest.current = chat;

  // Stable callbacks for the memoised messages; they always act on the latest state.
  const onRegenerate = useCallback(
    (m: ChatMessage) => void latest.current.regenerate(m, settings.deepThink),
    [settings.deepThink],
  );
  const onEdit = useCallback(
    (m: ChatMessage, content: string) => latest.current.edit(m, content, settings.deepThink),
    [settings.deepThink],
  );
  const onShowVersion = useCallback((messageId: string) => {
    const message = latest.current.messages.get(messageId);
    if (message != null) void latest.current.showVersion(message);
  }, []);

  const { firstQuestion, onFirstQuestionTaken } = props;
  useEffect(() => {
    if (firstQuestion == null || chat.conversation == null) return;
    onFirstQuestionTaken();
    void chat.ask(firstQuestion.text, settings.deepThink, firstQuestion.files);
  }, [firstQuestion, chat.conversation, chat.ask, onFirstQuestionTaken, settings.deepThink]);

  const { onTitle } = props;
  const loadedTitle = chat.conversation?.title;
  useEffect(() => {
    if (loadedTitle != null) onTitle(loadedTitle);
  }, [loadedTitle, onTitle]);

  useEffect(() => {
    if (chat.notFound) props.onMissing();
  }, [chat.notFound, props.onMissing]);

  const streaming = chat.streaming != null;
  useEffect(() => {
    if (!streaming) return;
    const onKey = (e: KeyboardEvent) => {
      // Esc closes what is open first (a dialog, the phone drawer, the export menu, an edit).
      const open = document.querySelector(
        "dialog[open], .sidebar[data-open='true'], .export-options:not([hidden])",
      );
      if (e.key === "Escape" && open == null && !e.defaultPrevented) void latest.current.stop();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [streaming]);

  const last = chat.branch.at(-1);
  return (
    <>
      <MessageList
        branch={chat.branch}
        messages={chat.messages}
        thinkingPanel={settings.thinkingPanel}
        busy={streaming}
        onRegenerate={onRegenerate}
        onEdit={onEdit}
        onShowVersion={onShowVersion}
        followKey={last?.role === "assistant" && last.status === "streaming" ? last.id : ""}
      />
      {chat.error != null && (
        <div className="banner error composer-error" role="alert">
          {chat.error}
          <button type="button" className="button" onClick={chat.dismissError}>
            Dismiss
          </button>
        </div>
      )}
      {chat.warnings.length > 0 && (
        <div className="banner composer-notice" role="status">
          <ul aria-label="Warnings">
            {chat.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
          <button type="button" className="button" onClick={chat.dismissWarnings}>
            Dismiss
          </button>
        </div>
      )}
      <Composer
        streaming={streaming}
        blockedReason={props.blockedReason}
        deepThink={settings.deepThink}
        onDeepThink={props.onDeepThink}
        webSearch={settings.webSearch}
        {...(props.onWebSearch != null ? { onWebSearch: props.onWebSearch } : {})}
        canAttach
        onSend={(text, files) => chat.ask(text, settings.deepThink, files)}
        onStop={() => void chat.stop()}
      />
    </>
  );
}
