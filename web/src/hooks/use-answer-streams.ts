/**
 * Keeps one event stream open per answer that is still generating, and batches their deltas into one
 * state update per animation frame. Streams close when the conversation closes; the answers go on on
 * the server regardless, and reopening the conversation reattaches.
 */
import { type Dispatch, useCallback, useEffect, useRef } from "react";
import { followAnswer } from "../api/follow-answer";
import type { ChatMessage, StreamEvent } from "../api/wire";
import type { ConversationAction, Delta } from "../state/conversation-reducer";

export function useAnswerStreams(
  dispatch: Dispatch<ConversationAction>,
  onEnd: (message: ChatMessage) => void,
) {
  const streams = useRef(new Map<string, AbortController>());
  const pending = useRef(new Map<string, Delta>());
  const frame = useRef<number | null>(null);
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  const flush = useCallback(() => {
    frame.current = null;
    if (pending.current.size === 0) return;
    const deltas = pending.current;
    pending.current = new Map();
    dispatch({ type: "append", deltas });
  }, [dispatch]);

  const handle = useCallback(
    (id: string, event: StreamEvent) => {
      if (event.type === "snapshot" || event.type === "end") {
        // Both carry the whole message: whatever was batched before them is already in it.
        pending.current.delete(id);
        if (event.type === "snapshot") {
          const since =
            event.thinkingElapsedMs != null ? performance.now() - event.thinkingElapsedMs : undefined;
          dispatch({
            type: "snapshot",
            message: event.message,
            ...(since != null ? { thinkingSince: since } : {}),
          });
        } else {
          dispatch({ type: "end", message: event.message });
          onEndRef.current(event.message);
        }
        return;
      }
      const delta = pending.current.get(id) ?? { reasoning: "", content: "" };
      if (event.type === "reasoning") delta.reasoning += event.text;
      else if (event.type === "answer") delta.content += event.text;
      else delta.thinkingMs = event.thinkingMs;
      pending.current.set(id, delta);
      frame.current ??= requestAnimationFrame(flush);
    },
    [dispatch, flush],
  );

  const follow = useCallback(
    (id: string) => {
      if (streams.current.has(id)) return;
      const controller = new AbortController();
      streams.current.set(id, controller);
      followAnswer(id, (event) => handle(id, event), controller.signal)
        .catch(() => {})
        .finally(() => {
          if (streams.current.get(id) === controller) streams.current.delete(id);
        });
    },
    [handle],
  );

  useEffect(() => {
    const open = streams.current;
    return () => {
      for (const controller of open.values()) controller.abort();
      open.clear();
      if (frame.current != null) cancelAnimationFrame(frame.current);
    };
  }, []);

  return follow;
}
