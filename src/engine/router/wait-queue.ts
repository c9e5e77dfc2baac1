import { DeepthinkError } from "../../errors.js";

type Pick<T> = () => T | "wait" | undefined;

interface Waiter<T> {
  pick: Pick<T>;
  resolve(value: T | undefined): void;
  reject(error: unknown): void;
}

/**
 * Requests waiting for a replica under its cap, first come first served: when a slot frees, the oldest
 * waiter picks first, so a newcomer never overtakes it. Beyond `limit` waiters, `queue_full` (429).
 */
export class WaitQueue {
  readonly #limit: number;
  readonly #model: string;
  readonly #waiters: Waiter<unknown>[] = [];

  constructor(limit: number, model: string) {
    this.#limit = limit;
    this.#model = model;
  }

  get size(): number {
    return this.#waiters.length;
  }

  /** `pick` now if nobody waits and it can; else wait for a turn. Undefined: nothing left to pick. */
  acquire<T>(pick: Pick<T>, signal: AbortSignal | undefined): Promise<T | undefined> {
    if (signal?.aborted === true) return Promise.reject(aborted());
    if (this.#waiters.length === 0) {
      const now = pick();
      if (now !== "wait") return Promise.resolve(now);
    }
    if (this.#waiters.length >= this.#limit) {
      return Promise.reject(
        new DeepthinkError(
          "queue_full",
          `Every replica of '${this.#model}' is at its limit and ${this.#limit} requests are waiting.`,
          {
            retryAfterSeconds: 1,
          },
        ),
      );
    }
    return new Promise<T | undefined>((resolve, reject) => {
      const waiter: Waiter<T> = {
        pick,
        resolve: (value) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(value);
        },
        reject: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      const onAbort = () => {
        const at = this.#waiters.indexOf(waiter as Waiter<unknown>);
        if (at >= 0) this.#waiters.splice(at, 1);
        waiter.reject(aborted());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#waiters.push(waiter as Waiter<unknown>);
    });
  }

  /** A slot freed or a replica came back: serve waiters in order while they can be served. */
  wake(): void {
    while (this.#waiters.length > 0) {
      const next = this.#waiters[0]!;
      const picked = next.pick();
      if (picked === "wait") return;
      this.#waiters.shift();
      next.resolve(picked);
    }
  }

  close(error: DeepthinkError): void {
    for (const waiter of this.#waiters.splice(0)) waiter.reject(error);
  }
}

function aborted(): DeepthinkError {
  return new DeepthinkError("aborted", "The request was aborted while waiting for a replica.");
}
