import { DeepthinkError } from "../../errors.js";
import type { NormalizedRequest } from "../../protocol/types.js";
import type { Engine, EngineInfo, EnginePart, EngineStats, GenerateResult } from "../spec.js";
import { chooseReplica } from "./choose-replica.js";
import { asError, failureKind } from "./failure-kind.js";
import { HealthLoop } from "./health-loop.js";
import { AffinityTable, prefixKeys } from "./prefix-affinity.js";
import { ReplicaState } from "./replica-state.js";
import { routedStream } from "./routed-stream.js";
import { type ReplicaStats, ROUTER_DEFAULTS, type RouterOptions } from "./router-options.js";
import { WaitQueue } from "./wait-queue.js";

export interface RouterEngine extends Engine {
  replicaStats(): ReplicaStats[];
  /** One round of health checks now (the loop runs them every `healthIntervalMs`). */
  checkReplicas(): Promise<void>;
}

type Attempt = { ok: true; result: GenerateResult } | { ok: false; error: DeepthinkError; retry: boolean };

/**
 * One model served by several replicas. Each request goes to the replica chosen by `chooseReplica`
 * (prefix affinity, then least outstanding requests); a replica that fails before the request's first
 * part — it rejects, or its stream starts with an error — is charged a failure and the request moves to
 * the next choice. Once a part has gone out the request stays where it is: a retry would repeat text
 * the client has already seen. Consecutive failures eject a replica; health checks readmit it.
 */
export function createRouterEngine(options: RouterOptions): RouterEngine {
  if (options.replicas.length === 0) {
    throw new DeepthinkError("invalid_argument", `The model '${options.model}' needs at least one replica.`);
  }
  return new Router(options);
}

class Router implements RouterEngine {
  readonly #options: RouterOptions;
  readonly #replicas: ReplicaState[];
  readonly #affinity: AffinityTable;
  readonly #queue: WaitQueue;
  readonly #health: HealthLoop;
  readonly #now: () => number;
  readonly #cap: number;
  readonly #ejectAfter: number;
  #cursor = 0;
  #closed = false;

  constructor(options: RouterOptions) {
    this.#options = options;
    this.#replicas = options.replicas.map((engine, index) => new ReplicaState(index, engine));
    this.#now = options.now ?? (() => performance.now());
    this.#cap = options.maxConcurrentPerReplica ?? ROUTER_DEFAULTS.maxConcurrentPerReplica;
    this.#ejectAfter = options.ejectAfterFailures ?? ROUTER_DEFAULTS.ejectAfterFailures;
    this.#affinity = new AffinityTable(options.affinityEntries ?? ROUTER_DEFAULTS.affinityEntries);
    this.#queue = new WaitQueue(options.queueLimit ?? ROUTER_DEFAULTS.queueLimit, options.model);
    this.#health = new HealthLoop({
      replicas: this.#replicas,
      intervalMs: options.healthIntervalMs ?? ROUTER_DEFAULTS.healthIntervalMs,
      ejectAfterFailures: this.#ejectAfter,
      readmitAfterMs: options.readmitAfterMs ?? ROUTER_DEFAULTS.readmitAfterMs,
      now: this.#now,
      onRound: () => this.#queue.wake(),
    });
  }

  info(): EngineInfo {
    const infos = this.#replicas.map((r) => r.engine.info());
    const contexts = infos.map((i) => i.contextSize).filter((n) => n > 0);
    const healthy = this.#replicas.filter((r) => r.healthy).length;
    return {
      modelId: this.#options.model,
      aliases: this.#options.aliases ?? [],
      contextSize: contexts.length > 0 ? Math.min(...contexts) : 0,
      parallel: Number.isFinite(this.#cap)
        ? this.#cap * this.#replicas.length
        : infos.reduce((n, i) => n + i.parallel, 0),
      status:
        healthy > 0
          ? { state: "ready" }
          : {
              state: "error",
              message: `All ${this.#replicas.length} replicas of '${this.#options.model}' are failing (last: ${this.#replicas.map((r) => r.lastError).find((e) => e != null) ?? "unknown"}).`,
              hint: "They are health-checked and taken back as soon as they answer.",
            },
    };
  }

  stats(): EngineStats {
    return {
      busySlots: this.#replicas.reduce((n, r) => n + r.inFlight, 0),
      queueDepth: this.#queue.size,
    };
  }

  replicaStats(): ReplicaStats[] {
    return this.#replicas.map((r) => r.snapshot());
  }

  checkReplicas(): Promise<void> {
    return this.#health.runOnce();
  }

  async generate(request: NormalizedRequest, signal?: AbortSignal): Promise<GenerateResult> {
    const startedAt = this.#now();
    const keys = this.#options.affinity === "none" ? [] : prefixKeys(request.messages);
    const tried = new Set<number>();
    let lastError: DeepthinkError | undefined;
    for (;;) {
      if (this.#closed)
        throw new DeepthinkError("model_unavailable", `The model '${this.#options.model}' is shutting down.`);
      const replica = await this.#queue.acquire(() => this.#pick(keys, tried), signal);
      if (replica == null) {
        throw (
          lastError ??
          new DeepthinkError(
            "model_unavailable",
            `No replica of '${this.#options.model}' can take requests now.`,
          )
        );
      }
      tried.add(replica.index);
      const attempt = await this.#attempt(replica, request, signal, startedAt, keys);
      if (attempt.ok) return attempt.result;
      if (!attempt.retry) throw attempt.error;
      lastError = attempt.error;
      replica.retriedElsewhere++;
    }
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#health.stop();
    this.#queue.close(
      new DeepthinkError("model_unavailable", `The model '${this.#options.model}' is shutting down.`),
    );
    await Promise.all(this.#replicas.map((r) => r.engine.close()));
  }

  /** The choice for now: a replica (its slot taken), `wait` (all full) or undefined (none left to try). */
  #pick(keys: string[], tried: ReadonlySet<number>): ReplicaState | "wait" | undefined {
    const candidates = this.#replicas
      .filter((r) => !tried.has(r.index))
      .map((r) => ({
        index: r.index,
        inFlight: r.inFlight,
        healthy: r.healthy,
        full: r.inFlight >= this.#cap,
      }));
    const choice = chooseReplica(candidates, {
      affine: this.#affinity.lookup(keys),
      affinityTolerance: this.#options.affinityTolerance ?? ROUTER_DEFAULTS.affinityTolerance,
      cursor: this.#cursor++,
    });
    if (choice.type === "wait") return "wait";
    if (choice.type === "none") return undefined;
    const replica = this.#replicas[choice.index]!;
    replica.inFlight++;
    replica.requests++;
    return replica;
  }

  async #attempt(
    replica: ReplicaState,
    request: NormalizedRequest,
    signal: AbortSignal | undefined,
    startedAt: number,
    keys: string[],
  ): Promise<Attempt> {
    const waitMs = this.#now() - startedAt;
    let reader: ReadableStreamDefaultReader<EnginePart>;
    let first: ReadableStreamReadResult<EnginePart>;
    try {
      reader = (await replica.engine.generate(request, signal)).stream.getReader();
      first = await reader.read();
    } catch (error) {
      return this.#failed(replica, asError(error), signal);
    }
    if (first.done) {
      return this.#failed(
        replica,
        new DeepthinkError("internal", "The replica's stream ended without a part."),
        signal,
      );
    }
    const part = first.value;
    if (part.type === "error" && failureKind(part.error) !== "client" && signal?.aborted !== true) {
      reader.releaseLock();
      return this.#failed(replica, part.error, signal);
    }
    this.#affinity.record(keys, replica.index);
    const stream = routedStream(part, reader, { waitMs, onEnd: (last) => this.#settle(replica, last) });
    return { ok: true, result: { stream } };
  }

  /** Before the first part: free the slot, charge the replica if it is at fault, say whether to retry. */
  #failed(replica: ReplicaState, error: DeepthinkError, signal: AbortSignal | undefined): Attempt {
    this.#release(replica);
    if (signal?.aborted === true) return { ok: false, error, retry: false };
    const kind = failureKind(error);
    if (kind === "replica") replica.noteFailure(error, this.#ejectAfter, this.#now());
    return { ok: false, error, retry: kind !== "client" };
  }

  #settle(replica: ReplicaState, last: EnginePart | undefined): void {
    this.#release(replica);
    // A client that left says nothing about the replica.
    if (last?.type === "finish" && last.reason !== "abort") replica.noteSuccess();
    else if (last?.type === "error" && failureKind(last.error) === "replica") {
      replica.noteFailure(last.error, this.#ejectAfter, this.#now());
    }
  }

  #release(replica: ReplicaState): void {
    replica.inFlight--;
    this.#queue.wake();
  }
}
