/**
 * The conversation list: new chat, search by title, and each conversation with rename and delete. On a
 * phone it is a drawer over the chat, opened from the header's menu button.
 */
import type { Conversation } from "../api/wire";
import { ConversationItem } from "./conversation-item";
import { PlusIcon } from "./icons";

export interface SidebarProps {
  id: string;
  open: boolean;
  conversations: Conversation[];
  currentId: string | null;
  query: string;
  onQuery: (query: string) => void;
  onNew: () => void;
  onOpen: (id: string) => void;
  onRename: (id: string, title: string) => void;
  onDelete: (id: string) => void;
  newChatRef: React.RefObject<HTMLButtonElement | null>;
}

export function Sidebar(props: SidebarProps) {
  return (
    <nav id={props.id} className="sidebar" data-open={props.open} aria-label="Conversations">
      <div className="sidebar-top">
        <span className="brand" aria-hidden="true">
          deepthink
        </span>
        <button ref={props.newChatRef} type="button" className="button new-chat" onClick={props.onNew}>
          <PlusIcon /> New chat
        </button>
        <input
          type="search"
          className="search"
          placeholder="Search titles"
          aria-label="Search conversations by title"
          value={props.query}
          onChange={(e) => props.onQuery(e.target.value)}
        />
      </div>
      <ul className="conversation-list">
        {props.conversations.map((c) => (
          <ConversationItem
            key={c.id}
            conversation={c}
            current={c.id === props.currentId}
            onOpen={props.onOpen}
            onRename={props.onRename}
            onDelete={props.onDelete}
          />
        ))}
        {props.conversations.length === 0 && (
          <li className="muted empty-list">
            {props.query !== "" ? "No title matches." : "No conversations yet."}
          </li>
        )}
      </ul>
    </nav>
  );
}
