/**
 * `n` choices are `n` engine generations running side by side (each takes a slot), read as one source of
 * parts tagged with their choice index. All of them share one AbortController: a client that leaves, or
 * one choice that fails, stops them all and frees every slot.
 *
 * Stopping goes through that AbortController only, never `cancel()` on an engine's stream: the engine
 * then ends each stream itself (finish reason `abort`) and frees its slot, as engine/spec.ts promises.
 * Parts nobody reads any more are simply dropped with their stream.
 */
import type { Engine, EnginePart } from "../engine/spec.js";
import type { NormalizedRequest } from "../protocol/types.js";
import type { IndexedPart } from "./chunk-encoder.js";

/** The parts of every choice, in arrival order. A plain pull function: one web-stream hop less per token. */
export interface PartSource {
  /** The next part, or undefined once every choice's stream has ended. */
  next(): Promise<IndexedPart | undefined>;
}

export async function startChoices(
  engine: Engine,
  request: NormalizedRequest,
  n: number,
  controller: AbortController,
): Promise<PartSource> {
  const requests = Array.from({ length: n }, (_, i) => choiceRequest(request, i));
  const settled = await Promise.allSettled(requests.map((r) => engine.generate(r, controller.signal)));
  const streams: ReadableStream<EnginePart>[] = [];
  let failure: { reason: unknown } | undefined;
  for (const s of settled) {
    if (s.status === "fulfilled") streams.push(s.value.stream);
    else failure ??= { reason: s.reason };
  }
  if (failure != null) {
    controller.abort();
    throw failure.reason;
  }
  return streams.length === 1 ? singleSource(streams[0]!) : mergedSource(streams);
}

/**
 * With a seed, choice i samples with seed + i: the response is reproducible, yet its choices differ
 * (the same seed n times would give n identical answers).
 */
function choiceRequest(request: NormalizedRequest, index: number): NormalizedRequest {
  const seed = request.sampling.seed;
  if (index === 0 || seed == null) return request;
  return { ...request, sampling: { ...request.sampling, seed: seed + index } };
}

function singleSource(stream: ReadableStream<EnginePart>): PartSource {
  const reader = stream.getReader();
  return {
    next: () => reader.read().then(({ done, value }) => (done ? undefined : { index: 0, part: value })),
  };
}

/** Each choice's stream is read as fast as it comes into one queue; `next` takes from the queue. */
function mergedSource(streams: ReadableStream<EnginePart>[]): PartSource {
  const queue: IndexedPart[] = [];
  let open = streams.length;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  streams.forEach(async (stream, index) => {
    const reader = stream.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        queue.push({ index, part: value });
        notify();
      }
    } catch (error) {
      failure ??= { error };
    }
    open -= 1;
    notify();
  });
  return {
    async next() {
      for (;;) {
        const item = queue.shift();
        if (item != null) return item;
        if (failure != null) throw failure.error;
        if (open === 0) return undefined;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    },
  };
}
