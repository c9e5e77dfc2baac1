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
  onSend: (text: string, files: AttachedFile[]) => Promise<boolean>;
  /** The web search toggle; absent: not shown. */
  webSearch?: boolean;
  onWebSearch?: (on: boolean) => void;
  /** Whether files can be attached here (an attach button and drag-drop). */
  canAttach?: boolean;
  onStop: () => void;
  placeholder?: string;
}

/** A file read in the browser, base64, sent with the question (the server checks the limits). */
export interface AttachedFile {
  name: string;
  data: string;
  mimeType?: string;
  size: number;
}

async function readAttachment(file: File): Promise<AttachedFile> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return {
    name: file.name,
    data: btoa(binary),
    size: file.size,
    ...(file.type !== "" ? { mimeType: file.type } : {}),
  };
}

export function Composer(props: ComposerProps) {
  const [text, setText] = useState("");
  const [files, setFiles] = useState<AttachedFile[]>([]);
  const picker = useRef<HTMLInputElement>(null);
  const attach = async (list: FileList | null) => {
    if (list == null) return;
    const read = await Promise.all([...list].map(readAttachment));
    setFiles((current) => [...current, ...read]);
  };
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
      if (await props.onSend(text, files)) {
        setText("");
        setFiles([]);
      }
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
      onDragOver={(e) => {
        if (props.canAttach === true) e.preventDefault();
      }}
      onDrop={(e) => {
        if (props.canAttach !== true) return;
        e.preventDefault();
        void attach(e.dataTransfer.files);
      }}
    >
      {files.length > 0 && (
        <ul className="attachment-chips" aria-label="Attached files">
          {files.map((file, i) => (
            // Files have no id; the list only changes by adding or removing through these chips.
            // biome-ignore lint/suspicious/noArrayIndexKey: see above
            <li key={`${file.name}-${i}`} className="attachment-chip">
              <span>{file.name}</span>
              <button
                type="button"
                aria-label={`Remove ${file.name}`}
                onClick={() => setFiles((current) => current.filter((_, j) => j !== i))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
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
        {props.onWebSearch != null && (
          <button
            type="button"
            className="deepthink-toggle web-search-toggle"
            aria-pressed={props.webSearch === true}
            title={props.webSearch === true ? "Search on: questions are searched and cited" : "Search off"}
            onClick={() => props.onWebSearch?.(props.webSearch !== true)}
          >
            <span>Search</span>
          </button>
        )}
        {props.canAttach === true && (
          <>
            <input
              ref={picker}
              type="file"
              multiple
              hidden
              aria-label="Attach files"
              data-testid="attach-input"
              onChange={(e) => {
                void attach(e.target.files);
                e.target.value = "";
              }}
            />
            <button
              type="button"
              className="icon-button"
              aria-label="Attach files"
              title="Attach files"
              onClick={() => picker.current?.click()}
            >
              📎
            </button>
          </>
        )}
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
