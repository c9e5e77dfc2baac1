/**
 * The stream response body: encoder frames as server-sent events, `data: [DONE]` at the end, an error
 * frame (never a hung socket) when something fails after the first byte, and `: keep-alive` comments
 * whenever nothing was written for a while (waiting in the queue, a long prefill), as DeepSeek does.
 * Cancelling the body (the client went away) aborts the generation at once; the engine then ends its
 * stream, which is still read to the end so that the log and metrics count the tokens it did generate.
 */
import { setTimeout as startTimer } from "node:timers";
import { DeepthinkError, toDeepthinkError } from "../errors.js";
import type { ChunkEncoder, EncodedFrame, IndexedPart } from "./chunk-encoder.js";
import { resolveHttpError } from "./http-errors.js";
import type { PartSource } from "./start-choices.js";

export interface StreamOutcome {
  /** Set when the stream ended with an error frame or the client left. */
  error?: DeepthinkError;
}

export interface SseBodyOptions {
  source: Promise<PartSource>;
  encoder: ChunkEncoder;
  keepAliveMs: number;
  controller: AbortController;
  requestId: string;
  onPart?: (item: IndexedPart) => void;
  /** Called once, when the generation is over (after the last byte, or after the client left). */
  onEnd: (outcome: StreamOutcome) => void;
}

const KEEP_ALIVE = ": keep-alive\n\n";
const DONE = "data: [DONE]\n\n";

export function createSseBody(options: SseBodyOptions): ReadableStream<Uint8Array> {
  const { encoder, controller } = options;
  const textEncoder = new TextEncoder();
  let out: ReadableStreamDefaultController<Uint8Array> | undefined;
  let open = true;
  let clientLeft = false;
  const timer = startTimer(() => write(KEEP_ALIVE), options.keepAliveMs);

  function write(text: string): void {
    if (!open || out == null) return;
    out.enqueue(textEncoder.encode(text));
    timer.refresh();
  }
  function writeError(error: unknown): void {
    write(`data: ${JSON.stringify(resolveHttpError(error, { requestId: options.requestId }).body)}\n\n`);
  }
  function writeFrame(frame: EncodedFrame): DeepthinkError | undefined {
    if (frame.kind === "error") {
      writeError(frame.error);
      return frame.error;
    }
    write(`data: ${JSON.stringify(frame.chunk)}\n\n`);
    return undefined;
  }

  async function pump(): Promise<DeepthinkError | undefined> {
    for (const frame of encoder.start()) writeFrame(frame);
    const source = await options.source;
    while (!encoder.done) {
      const item = await source.next();
      if (item == null) break;
      options.onPart?.(item);
      for (const frame of encoder.encode(item)) {
        const failure = writeFrame(frame);
        if (failure != null) return failure;
      }
    }
    if (!encoder.done) {
      const failure = new DeepthinkError("internal", "The engine stream ended without a finish.");
      writeError(failure);
      return failure;
    }
    write(DONE);
    return undefined;
  }

  return new ReadableStream<Uint8Array>({
    start(controllerOut) {
      out = controllerOut;
      // The pump runs beside the stream rather than inside `start`: chunks enqueued are readable at once.
      void pump()
        .catch((error: unknown) => {
          const failure = toDeepthinkError(error);
          writeError(failure);
          return failure;
        })
        .then((failure) => {
          clearTimeout(timer);
          // One choice failed: stop the others. (After a clean finish there is nothing left to stop.)
          if (failure != null) controller.abort();
          if (open) {
            open = false;
            controllerOut.close();
          }
          const error =
            failure ??
            (clientLeft ? new DeepthinkError("aborted", "The client closed the connection.") : undefined);
          options.onEnd(error != null ? { error } : {});
        });
    },
    cancel() {
      // The client left. Stop generating; the pump reads on to the engine's own end of stream.
      open = false;
      clientLeft = true;
      clearTimeout(timer);
      controller.abort();
    },
  });
}
