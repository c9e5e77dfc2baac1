/**
 * The reasoning above an answer. While the model thinks: "Thinking… 12s", ticking, and open; once the
 * answer starts: "Thought for N seconds" and closed (the `thinkingPanel` setting changes that default; a
 * click always wins). The body has its own scroller that follows the newest reasoning while it streams.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import type { ThinkingPanelMode } from "../api/wire";
import type { ViewMessage } from "../state/conversation-reducer";
import { ChevronIcon } from "./icons";
import { Markdown } from "./markdown";

export function ThinkingPanel({ message, mode }: { message: ViewMessage; mode: ThinkingPanelMode }) {
  const thinking = message.status === "streaming" && message.thinkingMs == null && message.content === "";
  const [choice, setChoice] = useState<boolean | null>(null);
  const open = choice ?? (mode === "expanded" || (mode === "auto" && thinking));
  const bodyId = useId();
  const body = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const el = body.current;
    if (el != null && thinking && open) el.scrollTop = el.scrollHeight;
  });

  return (
    <section className="thinking" data-thinking={thinking} aria-label="Reasoning">
      <button
        type="button"
        className="thinking-toggle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setChoice(!open)}
      >
        <ChevronIcon open={open} />
        <span className="thinking-label">
          {thinking ? <ThinkingClock since={message.thinkingSince} /> : thoughtLabel(message)}
        </span>
      </button>
      <div id={bodyId} ref={body} className="thinking-body" hidden={!open}>
        {message.reasoning.trim() !== "" ? <Markdown text={message.reasoning} /> : <p className="muted">…</p>}
      </div>
    </section>
  );
}

function ThinkingClock({ since }: { since: number | undefined }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(performance.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  const seconds = since != null ? Math.max(0, Math.floor((now - since) / 1000)) : 0;
  return (
    <>
      Thinking… <span className="thinking-seconds">{seconds}s</span>
    </>
  );
}

export function thoughtLabel(message: ViewMessage): string {
  const ms = message.thinkingMs;
  const duration = ms == null ? null : ms < 1000 ? "less than a second" : formatSeconds(ms);
  if ((message.status === "stopped" || message.status === "error") && message.content === "") {
    return duration != null ? `Stopped after thinking for ${duration}` : "Stopped while thinking";
  }
  return duration != null ? `Thought for ${duration}` : "Thought";
}

function formatSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  return s === 1 ? "1 second" : `${s} seconds`;
}
