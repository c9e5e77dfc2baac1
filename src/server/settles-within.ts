/** Waiting a little for a promise without giving up on it. */
import { setTimeout } from "node:timers";

export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

/** The promise's outcome if it settles within `ms`, else undefined (and it keeps running). */
export async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T> | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const outcome = promise.then(
    (value): Settled<T> => ({ ok: true, value }),
    (error: unknown): Settled<T> => ({ ok: false, error }),
  );
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([outcome, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
