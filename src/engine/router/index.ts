/** Several replicas of one model behind one Engine: health, least-outstanding with prefix affinity, retries. */
export { type Candidate, type Choice, chooseReplica } from "./choose-replica.js";
export { createUpstreamModel, type UpstreamModelDeps } from "./create-upstream-model.js";
export { AffinityTable, prefixKeys } from "./prefix-affinity.js";
export { type ModelReplicas, renderReplicaMetrics } from "./replica-metrics.js";
export { createRouterEngine, type RouterEngine } from "./router-engine.js";
export {
  type HealthReport,
  type ReplicaStats,
  ROUTER_DEFAULTS,
  type RouterOptions,
  type RouterReplica,
} from "./router-options.js";
export { parseUpstreamConfig } from "./upstream-config-file.js";
export { applyUpstreamKeys, parseUpstreamFlag, type UpstreamModelSpec } from "./upstream-spec.js";
