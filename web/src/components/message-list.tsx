/**
 * The branch on screen as a `role="log"` region, with "jump to latest" when the reader has scrolled up.
 * Each message gets its versions (siblings) as plain values, so a memoised message re-renders only when
 * it changes: while an answer streams, only that answer does work.
 */
import { useEffect, useMemo, useRef } from "react";
import type { ChatMessage, ThinkingPanelMode } from "../api/wire";
import { useFollowScroll } from "../hooks/use-follow-scroll";
import type { ViewMessage } from "../state/conversation-reducer";
import { AssistantMessage } from "./assistant-message";
import { ArrowDownIcon } from "./icons";
import { UserMessage } from "./user-message";
import type { VersionProps } from "./version-switch";

export interface MessageListProps {
  branch: ViewMessage[];
  messages: ReadonlyMap<string, ChatMessage>;
  thinkingPanel: ThinkingPanelMode;
  busy: boolean;
  onRegenerate: (message: ChatMessage) => void;
  onEdit: (message: ChatMessage, content: string) => Promise<boolean>;
  onShowVersion: (messageId: string) => void;
  /** Changes when the reader sends something: the list then follows the new answer again. */
  followKey: string;
}

export function MessageList(props: MessageListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const { atBottom, jumpToLatest } = useFollowScroll(scroller, content);
  const versions = useVersions(props.messages);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new followKey is the trigger
  useEffect(() => jumpToLatest(false), [props.followKey, jumpToLatest]);

  return (
    <div className="message-scroller" ref={scroller}>
      <div className="message-list" ref={content} role="log" aria-label="Conversation">
        {props.branch.map((m) =>
          m.role === "user" ? (
            <UserMessage
              key={m.id}
              message={m}
              busy={props.busy}
              onEdit={props.onEdit}
              onShowVersion={props.onShowVersion}
              {...versions(m)}
            />
          ) : (
            <AssistantMessage
              key={m.id}
              message={m}
              busy={props.busy}
              thinkingPanel={props.thinkingPanel}
              onRegenerate={props.onRegenerate}
              onShowVersion={props.onShowVersion}
              {...versions(m)}
            />
          ),
        )}
      </div>
      {!atBottom && (
        <button
          type="button"
          className="jump-latest"
          onClick={() => jumpToLatest()}
          aria-label="Jump to latest"
        >
          <ArrowDownIcon />
        </button>
      )}
    </div>
  );
}

/** Siblings per (parent, role), recomputed only when messages are added or removed. */
function useVersions(messages: ReadonlyMap<string, ChatMessage>) {
  // Streaming text replaces the map on every frame; its shape (ids, parents, roles) rarely changes.
  const shape = [...messages.values()].map((m) => `${m.parentId ?? ""}:${m.role} ${m.id}`).join("\n");
  const groups = useMemo(() => {
    const byParent = new Map<string, string[]>();
    for (const line of shape.split("\n")) {
      const [key = "", id = ""] = line.split(" ");
      byParent.set(key, [...(byParent.get(key) ?? []), id]);
    }
    return byParent;
  }, [shape]);
  return (m: ChatMessage): VersionProps => {
    const all = groups.get(`${m.parentId ?? ""}:${m.role}`) ?? [m.id];
    const index = all.indexOf(m.id);
    return {
      versionIndex: index,
      versionCount: all.length,
      previousId: all[index - 1] ?? null,
      nextId: all[index + 1] ?? null,
    };
  };
}
