import type { ReplicaState } from "./replica-state.js";

export interface HealthLoopOptions {
  replicas: readonly ReplicaState[];
  intervalMs: number;
  ejectAfterFailures: number;
  readmitAfterMs: number;
  now: () => number;
  /** After a round: readmitted replicas may take queued requests. */
  onRound(): void;
}

/**
 * Periodic health checks. A replica with a health check is readmitted by its first good answer and
 * ejected by consecutive bad ones (counted with request failures). One without a health check is given
 * another chance `readmitAfterMs` after its ejection: the next request tells. Rounds never overlap,
 * and the timer does not keep the process alive.
 */
export class HealthLoop {
  readonly #options: HealthLoopOptions;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  readonly #stop = new AbortController();

  constructor(options: HealthLoopOptions) {
    this.#options = options;
    if (options.intervalMs > 0) {
      this.#timer = setInterval(() => void this.runOnce(), options.intervalMs);
      this.#timer.unref();
    }
  }

  /** One round now (tests, and the router after a failure burst); joins a round already running. */
  runOnce(): Promise<void> {
    this.#running ??= this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#stop.abort();
  }

  async #round(): Promise<void> {
    const { replicas, ejectAfterFailures, readmitAfterMs, now } = this.#options;
    await Promise.all(
      replicas.map(async (replica) => {
        const check = replica.engine.checkHealth;
        if (check == null) {
          if (!replica.healthy && now() - replica.ejectedAt >= readmitAfterMs) replica.readmit();
          return;
        }
        const report = await check.call(replica.engine, this.#stop.signal).catch((error: unknown) => ({
          ok: false,
          message: error instanceof Error ? error.message : String(error),
        }));
        if (this.#stop.signal.aborted) return;
        if (report.ok) {
          if (!replica.healthy) replica.readmit();
        } else {
          replica.noteFailure(`health check: ${report.message ?? "failed"}`, ejectAfterFailures, now());
        }
      }),
    );
    this.#options.onRound();
  }
}
