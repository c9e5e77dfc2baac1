/** `GET /metrics`: Prometheus text format. */
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import { PROMETHEUS_CONTENT_TYPE } from "../prometheus.js";
import type { ServerMetrics } from "../server-metrics.js";

export function metricsHandler(metrics: ServerMetrics, extra?: () => string) {
  return (c: Context<AppEnv>) =>
    c.body(metrics.render() + (extra?.() ?? ""), 200, { "Content-Type": PROMETHEUS_CONTENT_TYPE });
}
