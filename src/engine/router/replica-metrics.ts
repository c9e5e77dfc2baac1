import type { ReplicaStats } from "./router-options.js";

export interface ModelReplicas {
  model: string;
  replicas: readonly ReplicaStats[];
}

interface Series {
  name: string;
  help: string;
  type: "gauge" | "counter";
  value(stats: ReplicaStats): number;
}

const SERIES: readonly Series[] = [
  {
    name: "deepthink_replica_healthy",
    help: "1 while the replica takes requests (not ejected).",
    type: "gauge",
    value: (s) => (s.healthy ? 1 : 0),
  },
  {
    name: "deepthink_replica_in_flight",
    help: "Requests on the replica now.",
    type: "gauge",
    value: (s) => s.inFlight,
  },
  {
    name: "deepthink_replica_requests_total",
    help: "Requests sent to the replica, retries included.",
    type: "counter",
    value: (s) => s.requests,
  },
  {
    name: "deepthink_replica_completed_total",
    help: "Streams the replica finished.",
    type: "counter",
    value: (s) => s.completed,
  },
  {
    name: "deepthink_replica_failures_total",
    help: "Failed requests and health checks of the replica.",
    type: "counter",
    value: (s) => s.failures,
  },
  {
    name: "deepthink_replica_ejections_total",
    help: "Times the replica was ejected.",
    type: "counter",
    value: (s) => s.ejections,
  },
  {
    name: "deepthink_replica_retried_total",
    help: "Requests that failed on the replica before their first token and went to another.",
    type: "counter",
    value: (s) => s.retriedElsewhere,
  },
];

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

/** Per-replica series in the Prometheus text format (0.0.4), labelled by model and replica URL. */
export function renderReplicaMetrics(models: readonly ModelReplicas[]): string {
  if (models.every((m) => m.replicas.length === 0)) return "";
  let out = "";
  for (const series of SERIES) {
    out += `# HELP ${series.name} ${series.help}\n# TYPE ${series.name} ${series.type}\n`;
    for (const { model, replicas } of models) {
      for (const stats of replicas) {
        out += `${series.name}{model="${escapeLabel(model)}",replica="${escapeLabel(stats.label)}"} ${series.value(stats)}\n`;
      }
    }
  }
  return out;
}
