/**
 * The input: Enter sends, Shift+Enter is a newline, and Enter that confirms an IME composition (Chinese,
 * Japanese, Korean input) never sends. The DeepThink toggle sits beside it; while an answer streams the
 * send button becomes Stop (Esc does the same, anywhere on the page).
 */
import { type KeyboardEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { SendIcon, StopIcon, ThinkIcon } from "./icons";

export interface ComposerProps {
  streaming: boolean;
  /** Why sending is impossible right now (no model); null when it is possible. */
  blockedReason: string | null;
  deepThink: boolean;
  onDeepThink: (on: boolean) => void;
  onSend: (text: string) => Promise<boolean>;
  onStop: () => void;
  placeholder?: string;
}

export function Composer(props: ComposerProps) {
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const composing = useRef(false);

  // Focus the input on load, except on touch screens, where that would pop up the keyboard.
  useEffect(() => {
    if (window.matchMedia("(pointer: fine)").matches) input.current?.focus();
  }, []);
  useLayoutEffect(() => {
    const el = input.current;
    if (el == null) return;
    el.style.height = "auto";
    el.style.height = `${Math.min(el.scrollHeight, window.innerHeight * 0.4)}px`;
  });

  const canSend = text.trim() !== "" && !props.streaming && !sending && props.blockedReason == null;
  const send = async () => {
    if (!canSend) return;
    setSending(true);
    try {
      if (await props.onSend(text)) setText("");
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key !== "Enter" || e.shiftKey) return;
    // keyCode 229: Safari sends the confirming Enter after compositionend, flagged only this way.
    if (e.nativeEvent.isComposing || composing.current || e.keyCode === 229) return;
    e.preventDefault();
    void send();
  };

  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <label htmlFor="composer-input" className="sr-only">
        Message
      </label>
      <textarea
        id="composer-input"
        ref={input}
        rows={1}
        value={text}
        placeholder={props.placeholder ?? "Ask anything"}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        onCompositionStart={() => {
          composing.current = true;
        }}
        onCompositionEnd={() => {
          composing.current = false;
        }}
        aria-describedby={props.blockedReason != null ? "composer-blocked" : undefined}
      />
      <div className="composer-bar">
        <button
          type="button"
          className="deepthink-toggle"
          aria-pressed={props.deepThink}
          title={
            props.deepThink
              ? "DeepThink on: the model reasons before answering"
              : "DeepThink off: answers at once"
          }
          onClick={() => props.onDeepThink(!props.deepThink)}
        >
          <ThinkIcon />
          <span>DeepThink</span>
        </button>
        {props.blockedReason != null && (
          <span id="composer-blocked" className="composer-blocked">
            {props.blockedReason}
          </span>
        )}
        {props.streaming ? (
          <button
            type="button"
            className="send-button stop"
            aria-label="Stop"
            title="Stop (Esc)"
            onClick={props.onStop}
          >
            <StopIcon />
          </button>
        ) : (
          <button
            type="submit"
            className="send-button"
            aria-label="Send"
            title="Send (Enter)"
            disabled={!canSend}
          >
            <SendIcon />
          </button>
        )}
      </div>
    </form>
  );
}
