import type { Worker } from "node:worker_threads";
import type { Verdict } from "./equivalence-verdict.js";

export interface WorkerTask {
  id: number;
  gold: string;
  pred: string;
}

export interface WorkerReply {
  id: number;
  verdict: Verdict;
}

interface Job {
  task: Omit<WorkerTask, "id">;
  timeoutMs: number;
  resolve: (verdict: Verdict) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  current?: { id: number; finish: (verdict: Verdict) => void };
}

/**
 * A few long-lived workers (a compute-engine takes ~0.3 s to start) running one comparison each at a
 * time. A comparison that overruns its limit gets its worker terminated — the JS analogue of
 * Math-Verify's SIGALRM — and answers "timeout"; a fresh worker is started when next needed. Idle
 * workers are unref'd so that they never keep the process alive.
 */
export class WorkerPool {
  readonly #spawn: () => Worker;
  readonly #size: number;
  readonly #slots: Slot[] = [];
  readonly #queue: Job[] = [];
  #nextId = 0;

  constructor(spawn: () => Worker, size: number) {
    this.#spawn = spawn;
    this.#size = Math.max(1, size);
  }

  compare(gold: string, pred: string, timeoutMs: number): Promise<Verdict> {
    return new Promise((resolve) => {
      this.#queue.push({ task: { gold, pred }, timeoutMs, resolve });
      this.#pump();
    });
  }

  /** Terminate every worker; queued comparisons answer "closed". The pool can be used again afterwards. */
  async close(): Promise<void> {
    for (const job of this.#queue.splice(0)) job.resolve({ equal: false, detail: "closed" });
    const slots = this.#slots.splice(0);
    for (const slot of slots) slot.current?.finish({ equal: false, detail: "closed" });
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0) {
      const slot =
        this.#slots.find((s) => !s.busy) ?? (this.#slots.length < this.#size ? this.#start() : null);
      if (slot == null) return;
      const job = this.#queue.shift() as Job;
      slot.busy = true;
      slot.worker.ref();
      void this.#run(slot, job);
    }
  }

  async #run(slot: Slot, job: Job): Promise<void> {
    try {
      await slot.ready;
    } catch (error) {
      this.#drop(slot);
      job.resolve({ equal: false, detail: `error: grader worker failed to start (${String(error)})` });
      return this.#pump();
    }
    const id = this.#nextId++;
    // The clock starts once the worker is ready: start-up is not the comparison's fault.
    const timer = setTimeout(() => {
      this.#drop(slot);
      finish({ equal: false, detail: "timeout" });
    }, job.timeoutMs);
    const finish = (verdict: Verdict) => {
      clearTimeout(timer);
      if (slot.current?.id !== id) return;
      slot.current = undefined;
      slot.busy = false;
      slot.worker.unref();
      job.resolve(verdict);
      this.#pump();
    };
    slot.current = { id, finish };
    slot.worker.postMessage({ id, ...job.task } satisfies WorkerTask);
  }

  #start(): Slot {
    const worker = this.#spawn();
    let markReady = () => {};
    let markFailed = (_: unknown) => {};
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => {}); // observed in #run; never an unhandled rejection
    const slot: Slot = { worker, ready, busy: false };
    worker.on("message", (message: WorkerReply | { ready: true }) => {
      if ("ready" in message) markReady();
      else if (slot.current?.id === message.id) slot.current.finish(message.verdict);
    });
    const fail = (reason: string) => {
      markFailed(new Error(reason));
      this.#drop(slot);
      slot.current?.finish({ equal: false, detail: `error: ${reason}` });
    };
    worker.on("error", (error) => fail(error.message));
    worker.on("exit", (code) => fail(`grader worker exited (code ${code})`));
    worker.unref();
    this.#slots.push(slot);
    return slot;
  }

  /** Forget a slot and stop its thread (after a timeout or a crash). */
  #drop(slot: Slot): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    this.#slots.splice(index, 1);
    void slot.worker.terminate();
  }
}
