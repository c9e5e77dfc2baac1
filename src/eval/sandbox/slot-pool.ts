/**
 * A counting semaphore: at most `size` tasks run at once, the rest wait in arrival order. Sandboxed
 * programs are CPU-bound and timed by the wall clock, so running more of them than there are cores
 * would turn contention into spurious timeouts.
 */
export class SlotPool {
  readonly size: number;
  #running = 0;
  readonly #waiting: Array<() => void> = [];

  constructor(size: number) {
    if (!Number.isInteger(size) || size < 1)
      throw new RangeError(`pool size must be a positive integer: ${size}`);
    this.size = size;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#acquire();
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #acquire(): Promise<void> {
    if (this.#running < this.size) {
      this.#running++;
      return Promise.resolve();
    }
    // The slot is handed over by #release, so #running never drops below size while others wait.
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(): void {
    const next = this.#waiting.shift();
    if (next != null) next();
    else this.#running--;
  }
}

const pools = new Map<number, SlotPool>();

/** The process-wide pool for a concurrency value: every caller passing the same value shares it. */
export function sharedSlotPool(size: number): SlotPool {
  let pool = pools.get(size);
  if (pool == null) {
    pool = new SlotPool(size);
    pools.set(size, pool);
  }
  return pool;
}
