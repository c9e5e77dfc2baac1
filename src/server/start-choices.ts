/**
 * `n` choices are `n` engine generations running side by side (each takes a slot), merged into one
 * stream of parts tagged with their choice index. All of them share one AbortController: a client that
 * leaves, or one choice that fails to start, stops them all and frees every slot.
 */
import type { Engine, EnginePart } from "../engine/spec.js";
import type { NormalizedRequest } from "../protocol/types.js";
import type { IndexedPart } from "./chunk-encoder.js";

export async function startChoices(
  engine: Engine,
  request: NormalizedRequest,
  n: number,
  controller: AbortController,
): Promise<ReadableStream<IndexedPart>> {
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
    for (const stream of streams) void drain(stream.getReader());
    throw failure.reason;
  }
  return mergeIndexed(streams, controller);
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

/**
 * Stopping goes through the AbortController only, never `cancel()` on an engine's stream: the engine then
 * ends each stream itself (finish reason `abort`) and frees its slot, and we drain what is left. That is
 * the contract in engine/spec.ts, and it keeps an engine that closes its stream late from tripping over a
 * stream someone else cancelled.
 */
function mergeIndexed(
  streams: ReadableStream<EnginePart>[],
  controller: AbortController,
): ReadableStream<IndexedPart> {
  const readers = streams.map((s) => s.getReader());
  const stop = (reason: unknown) => {
    controller.abort(reason);
    for (const reader of readers) void drain(reader);
  };
  if (readers.length === 1) {
    // The common case (n = 1) skips the fan-in: one less hop per token.
    const reader = readers[0]!;
    return new ReadableStream<IndexedPart>({
      async pull(out) {
        const { done, value } = await reader.read();
        if (done) out.close();
        else out.enqueue({ index: 0, part: value });
      },
      cancel: stop,
    });
  }
  let cancelled = false;
  return new ReadableStream<IndexedPart>({
    start(out) {
      const pumps = readers.map(async (reader, index) => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (!cancelled) out.enqueue({ index, part: value });
        }
      });
      Promise.all(pumps).then(
        () => ignoreClosed(() => out.close()),
        (error: unknown) => ignoreClosed(() => out.error(error)),
      );
    },
    cancel(reason) {
      // The pumps keep reading (and dropping) until the engine has ended each stream.
      cancelled = true;
      controller.abort(reason);
    },
  });
}

async function drain(reader: ReadableStreamDefaultReader<EnginePart>): Promise<void> {
  try {
    for (;;) if ((await reader.read()).done) return;
  } catch {
    // An engine stream that errors while draining has nothing left to free.
  }
}

/** After a cancel nobody listens, and the controller may be closed: close/error would throw. */
function ignoreClosed(action: () => void): void {
  try {
    action();
  } catch {}
}
