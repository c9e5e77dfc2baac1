import { createParser, type EventSourceMessage } from "eventsource-parser";
import { DeepthinkError } from "../../errors.js";
import type { EnginePart } from "../spec.js";
import { chunkSchema, parseJson } from "./chunk-schema.js";
import type { ChunkTranslator } from "./chunk-translator.js";
import { networkReason, timeoutError, type UpstreamRef, upstreamStreamError } from "./upstream-errors.js";

export interface UpstreamStreamOptions {
  body: ReadableStream<Uint8Array>;
  translator: ChunkTranslator;
  /** Aborts the fetch (and so the body). */
  fetchController: AbortController;
  /** The caller's signal: when it aborted, a broken body is an abort, not a failure. */
  signal: AbortSignal | undefined;
  /** The upstream may be silent this long mid-stream (DeepSeek sends `: keep-alive`; vLLM sends nothing). */
  idleTimeoutMs: number;
  ref: UpstreamRef;
  onEnd(): void;
}

type Out = ReadableStreamDefaultController<EnginePart>;

/**
 * The response body as engine parts: bytes → text → SSE events (eventsource-parser, fed straight from
 * the body reader: no stream stages in between) → zod-checked chunks → parts. Pulled, so a slow
 * consumer slows the upstream read. Ends with exactly one `finish` or `error`: `[DONE]`, or a
 * finish_reason then the end of the body, is a finish; a body that breaks or ends early, a malformed
 * chunk or an error frame is an `error` part.
 */
export function upstreamPartStream(options: UpstreamStreamOptions): ReadableStream<EnginePart> {
  const { translator, fetchController, signal, ref } = options;
  const reader = options.body.getReader();
  const decoder = new TextDecoder();
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  let idleTimedOut = false;
  const idle = setTimeout(() => {
    idleTimedOut = true;
    fetchController.abort();
  }, options.idleTimeoutMs);
  let ended = false;

  const end = (out: Out, last: EnginePart) => {
    if (ended) return;
    ended = true;
    clearTimeout(idle);
    out.enqueue(last);
    out.close();
    options.onEnd();
  };
  const finish = (out: Out, aborted: boolean) => {
    for (const part of translator.flush()) out.enqueue(part);
    end(out, translator.finish(aborted));
  };
  const fail = (out: Out, error: DeepthinkError) => {
    fetchController.abort();
    end(out, { type: "error", error });
  };
  /** Handles the parsed events; true when the stream has ended. */
  const handleEvents = (out: Out): boolean => {
    for (let event = events.shift(); event != null; event = events.shift()) {
      if (event.data === "[DONE]") {
        finish(out, false);
        // Read to the end so the connection goes back to the pool instead of being torn down.
        void drain(reader);
        return true;
      }
      const error = handleChunk(event.data, out);
      if (error != null) {
        fail(out, error);
        return true;
      }
    }
    return false;
  };
  const handleChunk = (data: string, out: Out): DeepthinkError | undefined => {
    const parsed = chunkSchema.safeParse(parseJson(data));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue != null && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      return brokenStream(
        ref,
        `sent a chunk that is not a chat.completion.chunk${where}: ${data.slice(0, 200)}`,
      );
    }
    if (parsed.data.error != null) return upstreamStreamError(ref, parsed.data.error);
    for (const part of translator.push(parsed.data)) out.enqueue(part);
    return undefined;
  };

  return new ReadableStream<EnginePart>({
    async pull(out) {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (ended) return;
          if (done) {
            parser.feed(decoder.decode());
            parser.reset({ consume: true });
            if (handleEvents(out)) return;
            if (translator.finished) finish(out, false);
            else fail(out, brokenStream(ref, "ended the stream before it finished"));
            return;
          }
          idle.refresh();
          parser.feed(decoder.decode(value, { stream: true }));
          if (handleEvents(out)) return;
          if (out.desiredSize != null && out.desiredSize <= 0) return;
        }
      } catch (error) {
        if (ended) return;
        if (signal?.aborted === true) finish(out, true);
        else if (idleTimedOut) fail(out, timeoutError(ref, "sent nothing", options.idleTimeoutMs));
        else fail(out, brokenStream(ref, `broke off the stream: ${networkReason(error)}`));
      }
    },
    cancel(reason) {
      fetchController.abort(reason);
      if (!ended) {
        ended = true;
        clearTimeout(idle);
        options.onEnd();
      }
    },
  });
}

function brokenStream(ref: UpstreamRef, what: string): DeepthinkError {
  return new DeepthinkError("network_unavailable", `The upstream '${ref.name}' (${ref.url}) ${what}.`);
}

async function drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  try {
    while (!(await reader.read()).done) {}
  } catch {
    // The consumer has its finish already; a connection that breaks now costs nothing.
  }
}
