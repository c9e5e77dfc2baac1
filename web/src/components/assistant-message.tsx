/**
 * An answer: its reasoning panel, the Markdown answer, and a footer with copy, regenerate, versions and
 * the numbers people ask for (tokens, tokens/s, reasoning tokens). `aria-busy` while it streams, so
 * screen readers wait for the whole answer instead of reading every token.
 */
import { memo } from "react";
import type { ChatMessage, ThinkingPanelMode } from "../api/wire";
import type { ViewMessage } from "../state/conversation-reducer";
import { CopyButton } from "./copy-button";
import { RegenerateIcon } from "./icons";
import { Markdown } from "./markdown";
import { ThinkingPanel } from "./thinking-panel";
import { type VersionProps, VersionSwitch } from "./version-switch";

export interface AssistantMessageProps extends VersionProps {
  message: ViewMessage;
  thinkingPanel: ThinkingPanelMode;
  busy: boolean;
  onRegenerate: (message: ChatMessage) => void;
  onShowVersion: (messageId: string) => void;
}

export const AssistantMessage = memo(function AssistantMessage(props: AssistantMessageProps) {
  const { message, busy } = props;
  const streaming = message.status === "streaming";
  const thinks = message.reasoning !== "" || (streaming && message.thinking !== "off");
  return (
    <article
      className="message assistant"
      aria-label="Answer"
      aria-busy={streaming}
      data-status={message.status}
      data-message-id={message.id}
    >
      {thinks && <ThinkingPanel message={message} mode={props.thinkingPanel} />}
      {message.content !== "" && (
        <Markdown className="answer" text={message.content} sources={message.sources} />
      )}
      {!streaming && message.sources != null && message.sources.length > 0 && (
        <SourcesPanel sources={message.sources} />
      )}
      {message.status === "stopped" && <p className="message-note">Stopped</p>}
      {message.status === "error" && (
        <p className="message-note error" role="alert">
          {message.error ?? "The answer failed."}
        </p>
      )}
      {!streaming && (
        <footer className="message-footer">
          <CopyButton text={() => message.content} label="Copy answer" />
          <button
            type="button"
            className="icon-button"
            aria-label="Regenerate"
            title="Regenerate"
            disabled={busy}
            onClick={() => props.onRegenerate(message)}
          >
            <RegenerateIcon />
          </button>
          <VersionSwitch versions={props} what="Answer" onShow={props.onShowVersion} disabled={busy} />
          <Stats message={message} />
        </footer>
      )}
    </article>
  );
});

/** The search results the answer was given, numbered as it cites them. */
function SourcesPanel({ sources }: { sources: NonNullable<ChatMessage["sources"]> }) {
  return (
    <details className="sources-panel" open>
      <summary>
        {sources.length} {sources.length === 1 ? "source" : "sources"}
      </summary>
      <ol>
        {sources.map((source) => (
          <li key={source.index} value={source.index} data-source-index={source.index}>
            {/^https?:/i.test(source.url) ? (
              <a href={source.url} target="_blank" rel="noopener noreferrer">
                {source.title}
              </a>
            ) : (
              <span>{source.title}</span>
            )}
            <span className="source-url">{source.url}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}

function Stats({ message }: { message: ChatMessage }) {
  if (message.completionTokens == null) return null;
  const parts = [`${message.completionTokens} tokens`];
  if (message.reasoningTokens != null && message.reasoningTokens > 0)
    parts.push(`${message.reasoningTokens} thinking`);
  if (message.tokensPerSecond != null) parts.push(`${message.tokensPerSecond.toFixed(1)} tokens/s`);
  return <span className="message-stats">{parts.join(" · ")}</span>;
}
