/**
 * Follows an answer's event stream (`/api/messages/:id/events`) over fetch, so an API key can go with it.
 * When the connection drops before `end` (a network blip, a server restart), it reconnects: the server
 * starts every stream with a snapshot, so nothing is lost or doubled.
 */
import { authHeaders, errorOf } from "./client";
import type { StreamEvent } from "./wire";

const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

export async function followAnswer(
  messageId: string,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    try {
      if (await readOnce(messageId, onEvent, signal)) return;
    } catch (error) {
      if (signal.aborted) return;
      const status = (error as { status?: number }).status;
      if (status != null && status >= 400 && status < 500) throw error;
    }
    const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!;
    await new Promise((resolve) => window.setTimeout(resolve, delay));
  }
}

/** True once `end` arrived; false when the stream broke off before it. */
async function readOnce(
  messageId: string,
  onEvent: (event: StreamEvent) => void,
  signal: AbortSignal,
): Promise<boolean> {
  const response = await fetch(`/api/messages/${encodeURIComponent(messageId)}/events`, {
    headers: { ...authHeaders(), Accept: "text/event-stream" },
    signal,
  });
  if (!response.ok || response.body == null) throw await errorOf(response);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return false;
    buffer += value;
    let cut = buffer.indexOf("\n\n");
    while (cut >= 0) {
      const frame = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      cut = buffer.indexOf("\n\n");
      const data = frame
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice(6))
        .join("\n");
      if (data === "") continue; // a keep-alive comment
      const event = JSON.parse(data) as StreamEvent;
      onEvent(event);
      if (event.type === "end") {
        await reader.cancel().catch(() => {});
        return true;
      }
    }
  }
}
