/**
 * A question, shown as the person wrote it (plain text, never Markdown). Editing it and sending asks
 * the edited question as a new branch; the original and its answers stay reachable through "‹ 1/2 ›".
 */
import { memo, useEffect, useRef, useState } from "react";
import type { ChatMessage } from "../api/wire";
import { CopyButton } from "./copy-button";
import { EditIcon } from "./icons";
import { type VersionProps, VersionSwitch } from "./version-switch";

export interface UserMessageProps extends VersionProps {
  message: ChatMessage;
  busy: boolean;
  onEdit: (message: ChatMessage, content: string) => Promise<boolean>;
  onShowVersion: (messageId: string) => void;
}

export const UserMessage = memo(function UserMessage(props: UserMessageProps) {
  const { message, busy } = props;
  const [draft, setDraft] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const editor = useRef<HTMLTextAreaElement>(null);

  const editing = draft != null;
  useEffect(() => {
    if (editing) editor.current?.focus();
  }, [editing]);

  const cancel = () => {
    setDraft(null);
    // Focus returns to where editing started.
    window.requestAnimationFrame(() => editButton.current?.focus());
  };
  const send = async () => {
    if (draft == null || draft.trim() === "") return;
    if (await props.onEdit(message, draft)) setDraft(null);
  };

  return (
    <article
      className={`message user${editing ? " editing" : ""}`}
      aria-label="Question"
      data-message-id={message.id}
    >
      {draft == null && message.attachments.length > 0 && (
        <ul className="attachment-chips user-attachments" aria-label="Attached files">
          {message.attachments.map((file) => (
            <li key={file.id} className="attachment-chip" data-attachment-id={file.id}>
              <span aria-hidden="true">📄</span>
              <span>{file.name}</span>
              <span className="attachment-size">{formatSize(file.size)}</span>
            </li>
          ))}
        </ul>
      )}
      {draft == null ? (
        <div className="user-bubble">{message.content}</div>
      ) : (
        <form
          className="edit-form"
          onSubmit={(e) => {
            e.preventDefault();
            void send();
          }}
        >
          <label className="sr-only" htmlFor={`edit-${message.id}`}>
            Edit question
          </label>
          <textarea
            id={`edit-${message.id}`}
            ref={editor}
            value={draft}
            rows={Math.min(10, Math.max(2, draft.split("\n").length))}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                cancel();
              }
            }}
          />
          <div className="edit-actions">
            <button type="button" className="button" onClick={cancel}>
              Cancel
            </button>
            <button type="submit" className="button primary" disabled={busy || draft.trim() === ""}>
              Send
            </button>
          </div>
        </form>
      )}
      {draft == null && (
        <footer className="message-footer user-footer">
          <VersionSwitch versions={props} what="Question" onShow={props.onShowVersion} disabled={busy} />
          <CopyButton text={() => message.content} label="Copy question" />
          <button
            ref={editButton}
            type="button"
            className="icon-button"
            aria-label="Edit question"
            title="Edit"
            disabled={busy}
            onClick={() => setDraft(message.content)}
          >
            <EditIcon />
          </button>
        </footer>
      )}
    </article>
  );
});

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
