/** One conversation in the sidebar: open it, rename it in place, or delete it after a confirmation. */
import { useEffect, useRef, useState } from "react";
import type { Conversation } from "../api/wire";
import { EditIcon, TrashIcon } from "./icons";

export interface ConversationItemProps {
  conversation: Conversation;
  current: boolean;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
}

export function ConversationItem({
  conversation,
  current,
  onOpen,
  onRename,
  onDelete,
}: ConversationItemProps) {
  const [mode, setMode] = useState<"view" | "rename" | "confirm">("view");
  const [title, setTitle] = useState(conversation.title);
  const field = useRef<HTMLInputElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const label = conversation.title || "New chat";

  useEffect(() => {
    if (mode === "rename") field.current?.select();
    if (mode === "confirm") confirm.current?.focus();
  }, [mode]);

  if (mode === "rename") {
    return (
      <li className="conversation-item editing">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (title.trim() !== "") onRename(conversation.id, title.trim());
            setMode("view");
          }}
        >
          <input
            ref={field}
            aria-label="Conversation title"
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            onBlur={() => setMode("view")}
            onKeyDown={(e) => {
              if (e.key === "Escape") {
                e.stopPropagation();
                setTitle(conversation.title);
                setMode("view");
              }
            }}
          />
        </form>
      </li>
    );
  }
  if (mode === "confirm") {
    return (
      <li className="conversation-item confirming">
        <span className="confirm-text">Delete “{label}”?</span>
        <button
          ref={confirm}
          type="button"
          className="button danger"
          onClick={() => onDelete(conversation.id)}
        >
          Delete
        </button>
        <button type="button" className="button" onClick={() => setMode("view")}>
          Cancel
        </button>
      </li>
    );
  }
  return (
    <li className={`conversation-item${current ? " current" : ""}`}>
      <a
        href={`/c/${encodeURIComponent(conversation.id)}`}
        aria-current={current ? "page" : undefined}
        onClick={(e) => {
          if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
          e.preventDefault();
          onOpen(conversation.id);
        }}
      >
        {label}
      </a>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Rename “${label}”`}
        onClick={() => {
          setTitle(conversation.title);
          setMode("rename");
        }}
      >
        <EditIcon />
      </button>
      <button
        type="button"
        className="icon-button small"
        aria-label={`Delete “${label}”`}
        onClick={() => setMode("confirm")}
      >
        <TrashIcon />
      </button>
    </li>
  );
}
