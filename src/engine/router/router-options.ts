import type { Engine } from "../spec.js";

export interface HealthReport {
  ok: boolean;
  message?: string;
}

/** A replica: any engine; upstream engines add a health check and a label (their URL). */
export interface RouterReplica extends Engine {
  checkHealth?(signal?: AbortSignal): Promise<HealthReport>;
  readonly label?: string;
}

export interface RouterOptions {
  /** The model id the router serves (all replicas serve the same model). */
  model: string;
  aliases?: string[];
  replicas: RouterReplica[];
  /** Requests one replica gets at once; more wait in the router's queue. Default: no cap. */
  maxConcurrentPerReplica?: number;
  /** Requests that may wait for a replica under its cap; beyond, `queue_full`. Default 256. */
  queueLimit?: number;
  /** How often replicas are health-checked (ms); 0 turns the loop off. Default 5000. */
  healthIntervalMs?: number;
  /** Consecutive failures (requests or health checks) that eject a replica. Default 3. */
  ejectAfterFailures?: number;
  /** A replica without a health check is tried again this long after its ejection. Default 30000. */
  readmitAfterMs?: number;
  /** `prefix` (default): a conversation goes back to the replica that holds its prefix in cache. */
  affinity?: "prefix" | "none";
  /** How many more requests in flight the affine replica may have than the least loaded one. Default 4. */
  affinityTolerance?: number;
  /** Conversation prefixes remembered (least recently used go first). Default 65536. */
  affinityEntries?: number;
  /** Milliseconds, monotonic; for timings and readmission. */
  now?: () => number;
}

export const ROUTER_DEFAULTS = {
  maxConcurrentPerReplica: Number.POSITIVE_INFINITY,
  queueLimit: 256,
  healthIntervalMs: 5_000,
  ejectAfterFailures: 3,
  readmitAfterMs: 30_000,
  affinityTolerance: 4,
  affinityEntries: 65_536,
} as const;

export interface ReplicaStats {
  /** The replica's URL (upstreams) or `replica-N`. */
  label: string;
  healthy: boolean;
  inFlight: number;
  /** Requests sent to it (retries included). */
  requests: number;
  /** Streams it finished. */
  completed: number;
  /** Requests or health checks that failed (its fault, not the client's). */
  failures: number;
  consecutiveFailures: number;
  ejections: number;
  /** Requests that failed here before their first part and were sent to another replica. */
  retriedElsewhere: number;
  lastError?: string;
}
