/**
 * `GET /api/messages/:id/events`: an answer as server-sent events. A running generation gives its snapshot
 * and then every delta until `end`; a finished one gives its snapshot and `end` at once. Leaving (a closed
 * tab, a reload) only detaches this reader: the generation goes on, and the next reader picks it up.
 */
import { setInterval } from "node:timers";
import type { ChatMessage, StreamEvent } from "./chat-wire.js";
import type { LiveGeneration } from "./live-generation.js";

/** Proxies close idle connections; a comment now and then keeps a long think alive. */
const KEEP_ALIVE_MS = 15_000;

export const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream; charset=utf-8",
  "Cache-Control": "no-cache",
  "X-Accel-Buffering": "no",
};

export function messageEvents(
  saved: ChatMessage,
  live: LiveGeneration | undefined,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let detach = () => {};
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    detach();
    clearInterval(timer);
  };
  return new ReadableStream<Uint8Array>({
    start(out) {
      let open = true;
      const send = (event: StreamEvent) => {
        if (!open) return;
        out.enqueue(encoder.encode(`data: ${JSON.stringify(event)}\n\n`));
        if (event.type === "end") {
          open = false;
          stop();
          out.close();
        }
      };
      if (live == null) {
        send({ type: "snapshot", message: saved, thinkingElapsedMs: null });
        send({ type: "end", message: saved });
        return;
      }
      timer = setInterval(() => {
        if (open) out.enqueue(encoder.encode(": keep-alive\n\n"));
      }, KEEP_ALIVE_MS);
      detach = live.attach(send);
    },
    cancel: stop,
  });
}
