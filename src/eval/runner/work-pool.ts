/**
 * Runs `work` over `items` with at most `concurrency` in flight. The first error thrown stops new items
 * from starting and aborts the shared signal (so in-flight requests end at once); it is rethrown when
 * every started item has settled. Items that throw an error `work` chooses to swallow are its business.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, signal: AbortSignal) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  if (signal?.aborted === true) controller.abort(signal.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!controller.signal.aborted) {
      const index = next++;
      if (index >= items.length) return;
      try {
        await work(items[index]!, controller.signal);
      } catch (error) {
        failure ??= { error };
        controller.abort(error);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  if (failure != null) throw failure.error;
}
