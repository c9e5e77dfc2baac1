import { DeepthinkError } from "../../errors.js";

/**
 * A fixed set of slots (llama.cpp sequences) shared by requests, with a bounded FIFO queue.
 * Slots are long-lived so their KV cache can be reused: `acquire` takes a scoring function and hands
 * out the free slot that scores highest (the one sharing the longest prompt prefix).
 */
export interface PoolOptions {
  /** Requests allowed to wait for a slot; one more is refused with `queue_full`. */
  queueLimit: number;
  /** Suggested wait for a refused client, in seconds (sent as Retry-After). */
  retryAfterSeconds?: number;
}

interface Waiter<T> {
  score: (slot: T) => number;
  resolve: (slot: T) => void;
  reject: (error: unknown) => void;
  cleanup: () => void;
}

export class SequencePool<T> {
  readonly #free: T[];
  readonly #size: number;
  readonly #queue: Waiter<T>[] = [];
  readonly #options: PoolOptions;
  #closed = false;

  constructor(slots: readonly T[], options: PoolOptions) {
    this.#free = [...slots];
    this.#size = slots.length;
    this.#options = options;
  }

  get size(): number {
    return this.#size;
  }

  get busy(): number {
    return this.#size - this.#free.length;
  }

  get queueDepth(): number {
    return this.#queue.length;
  }

  /** Refuse at once when every slot is busy and the queue is full, before anything is sent to a client. */
  assertCanQueue(): void {
    if (this.#closed) throw new DeepthinkError("model_unavailable", "The engine is shutting down.");
    if (this.#free.length === 0 && this.#queue.length >= this.#options.queueLimit) {
      throw new DeepthinkError(
        "queue_full",
        `All ${this.#size} slots are busy and ${this.#queue.length} requests are already waiting; try again shortly.`,
        { retryAfterSeconds: this.#options.retryAfterSeconds ?? 1 },
      );
    }
  }

  acquire(score: (slot: T) => number = () => 0, signal?: AbortSignal): Promise<T> {
    try {
      this.assertCanQueue();
      signal?.throwIfAborted();
    } catch (error) {
      return Promise.reject(error);
    }
    if (this.#free.length > 0) return Promise.resolve(this.#take(score));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const at = this.#queue.indexOf(waiter);
        if (at !== -1) this.#queue.splice(at, 1);
        reject(signal?.reason ?? new DeepthinkError("aborted", "The request was aborted while queued."));
      };
      const waiter: Waiter<T> = {
        score,
        resolve,
        reject,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#queue.push(waiter);
    });
  }

  release(slot: T): void {
    const next = this.#queue.shift();
    if (next != null) {
      next.cleanup();
      next.resolve(slot);
      return;
    }
    this.#free.push(slot);
  }

  /** Reject every waiter; slots in use are returned by their holders as usual. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#queue.splice(0)) {
      waiter.cleanup();
      waiter.reject(new DeepthinkError("model_unavailable", "The engine is shutting down."));
    }
  }

  #take(score: (slot: T) => number): T {
    let best = 0;
    let bestScore = Number.NEGATIVE_INFINITY;
    this.#free.forEach((slot, i) => {
      const s = score(slot);
      if (s > bestScore) {
        bestScore = s;
        best = i;
      }
    });
    return this.#free.splice(best, 1)[0]!;
  }
}
