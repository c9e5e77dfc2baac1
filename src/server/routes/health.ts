/**
 * `GET /health`: 200 when ready, 503 while loading or when no model can be had, with one sentence saying
 * why (and how to fix it) so that a person reading it with curl knows what to do.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ModelHost } from "../model-host.js";
import { hostsOf } from "../model-set.js";

export function healthHandler(host: ModelHost) {
  return (c: Context<AppEnv>) => {
    const status = host.status();
    if (status.state === "ready") {
      const engine = host.engine();
      const stats = engine?.stats();
      return c.json({
        status: "ready",
        model: status.modelId,
        slots: { total: engine?.info().parallel ?? 0, busy: stats?.busySlots ?? 0 },
        queue: stats?.queueDepth ?? 0,
        ...(hostsOf(host).length > 1 ? { models: modelsHealth(host) } : {}),
      });
    }
    if (status.state === "loading") {
      const progress = status.progress != null ? { progress: status.progress } : {};
      return c.json({ status: "loading", message: status.message, ...progress }, 503, { "Retry-After": "5" });
    }
    const hint = status.hint != null ? { hint: status.hint } : {};
    return c.json({ status: "error", message: status.message, ...hint }, 503);
  };
}

/** Each model's state, and its replicas' when it is routed (an upstream set). */
function modelsHealth(host: ModelHost) {
  return hostsOf(host).map((h) => {
    const status = h.status();
    const engine = h.engine() as
      | (ReturnType<ModelHost["engine"]> & { replicaStats?: () => unknown })
      | undefined;
    return {
      model: h.names()?.id ?? null,
      status: status.state,
      ...(status.state !== "ready" ? { message: status.message } : {}),
      ...(engine?.replicaStats != null ? { replicas: engine.replicaStats() } : {}),
    };
  });
}
