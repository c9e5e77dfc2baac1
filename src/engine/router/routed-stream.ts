import { toDeepthinkError } from "../../errors.js";
import type { EnginePart } from "../spec.js";

export interface RoutedStreamOptions {
  /** Time the request spent in the router before this replica got it (queue, failed attempts). */
  waitMs: number;
  /** Once, with the last part (undefined when the consumer cancelled or the stream just ended). */
  onEnd(last: EnginePart | undefined): void;
}

/**
 * The replica's stream, with the part already read to decide it was a success put back in front.
 * Pulled part by part (the consumer's pace reaches the replica); the finish's timings include the
 * router's wait, so TTFT is what the client saw.
 */
export function routedStream(
  first: EnginePart,
  reader: ReadableStreamDefaultReader<EnginePart>,
  options: RoutedStreamOptions,
): ReadableStream<EnginePart> {
  let ended = false;
  const end = (last: EnginePart | undefined) => {
    if (ended) return;
    ended = true;
    options.onEnd(last);
  };
  const forward = (out: ReadableStreamDefaultController<EnginePart>, part: EnginePart) => {
    out.enqueue(withWait(part, options.waitMs));
    if (part.type === "finish" || part.type === "error") {
      end(part);
      out.close();
    }
  };
  return new ReadableStream<EnginePart>({
    start(out) {
      forward(out, first);
    },
    async pull(out) {
      try {
        const { done, value } = await reader.read();
        if (!done) return forward(out, value);
        end(undefined);
        out.close();
      } catch (error) {
        forward(out, { type: "error", error: toDeepthinkError(error) });
      }
    },
    cancel(reason) {
      end(undefined);
      return reader.cancel(reason);
    },
  });
}

function withWait(part: EnginePart, waitMs: number): EnginePart {
  if (part.type !== "finish" || waitMs <= 0) return part;
  const t = part.timings;
  return {
    ...part,
    timings: {
      ...t,
      queuedMs: t.queuedMs + waitMs,
      timeToFirstTokenMs: t.timeToFirstTokenMs + waitMs,
      totalMs: t.totalMs + waitMs,
    },
  };
}
