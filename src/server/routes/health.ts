/**
 * `GET /health`: 200 when ready, 503 while loading or when no model can be had, with one sentence saying
 * why (and how to fix it) so that a person reading it with curl knows what to do.
 */
import type { Context } from "hono";
import type { AppEnv } from "../app-env.js";
import type { ModelHost } from "../model-host.js";

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
