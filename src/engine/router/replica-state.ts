import type { DeepthinkError } from "../../errors.js";
import type { ReplicaStats, RouterReplica } from "./router-options.js";

/** One replica's counters and health, as the router sees them. */
export class ReplicaState {
  readonly index: number;
  readonly label: string;
  readonly engine: RouterReplica;
  healthy = true;
  inFlight = 0;
  requests = 0;
  completed = 0;
  failures = 0;
  consecutiveFailures = 0;
  ejections = 0;
  retriedElsewhere = 0;
  ejectedAt = 0;
  lastError: string | undefined;

  constructor(index: number, engine: RouterReplica) {
    this.index = index;
    this.engine = engine;
    this.label = engine.label ?? `replica-${index}`;
  }

  /** A failure that is the replica's fault. Returns true when this one ejected it. */
  noteFailure(error: DeepthinkError | string, ejectAfter: number, now: number): boolean {
    this.failures++;
    this.consecutiveFailures++;
    this.lastError = typeof error === "string" ? error : error.message;
    if (!this.healthy || this.consecutiveFailures < ejectAfter) return false;
    this.healthy = false;
    this.ejections++;
    this.ejectedAt = now;
    return true;
  }

  /** A stream it finished: it works, whatever health said. */
  noteSuccess(): void {
    this.completed++;
    this.consecutiveFailures = 0;
    this.healthy = true;
  }

  readmit(): void {
    this.healthy = true;
    this.consecutiveFailures = 0;
  }

  snapshot(): ReplicaStats {
    return {
      label: this.label,
      healthy: this.healthy,
      inFlight: this.inFlight,
      requests: this.requests,
      completed: this.completed,
      failures: this.failures,
      consecutiveFailures: this.consecutiveFailures,
      ejections: this.ejections,
      retriedElsewhere: this.retriedElsewhere,
      ...(this.lastError != null ? { lastError: this.lastError } : {}),
    };
  }
}
