/**
 * Request id and the one log line per request (id, model, status, tokens, ttft, duration). Streams are
 * logged when their body ends, so the line has the real token counts and duration. Client mistakes are
 * logged without a stack trace; only server faults carry one.
 */
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";
import type { AppEnv, Clock, RequestRecord } from "./app-env.js";
import type { ServerMetrics } from "./server-metrics.js";

export interface RequestLogOptions {
  logger: Logger;
  clock: Clock;
  idGenerator: () => string;
  metrics: ServerMetrics;
}

/** Probes hit these every few seconds: their lines go to debug so that info stays readable. */
const QUIET_ROUTES = new Set(["health", "metrics"]);

export function requestLog({
  logger,
  clock,
  idGenerator,
  metrics,
}: RequestLogOptions): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const record: RequestRecord = {
      id: `req_${idGenerator()}`,
      startedAt: clock.now(),
      route: routeLabel(c.req.path),
    };
    c.set("record", record);
    c.header("X-Request-Id", record.id);
    await next();
    const status = c.res.status;
    const method = c.req.method;
    const path = c.req.path;
    const finish = () => {
      const durationMs = clock.now() - record.startedAt;
      metrics.observe({
        route: record.route,
        status,
        durationMs,
        ...(record.errorCode != null ? { errorCode: record.errorCode } : {}),
        ...(record.usage != null ? { usage: record.usage } : {}),
        ...(record.timeToFirstTokenMs != null ? { timeToFirstTokenMs: record.timeToFirstTokenMs } : {}),
      });
      const line = {
        reqId: record.id,
        method,
        path,
        status,
        model: record.model,
        promptTokens: record.usage?.promptTokens,
        completionTokens: record.usage?.completionTokens,
        reasoningTokens: record.usage?.reasoningTokens,
        ttftMs: round(record.timeToFirstTokenMs),
        durationMs: round(durationMs),
        error: record.errorCode,
      };
      if (record.fault != null) logger.error({ ...line, err: record.fault }, "request failed");
      else if (QUIET_ROUTES.has(record.route)) logger.debug(line, "request");
      else logger.info(line, "request");
    };
    if (record.streamEnded != null) void record.streamEnded.then(finish);
    else finish();
  };
}

export function routeLabel(path: string): string {
  const p = path.replace(/^\/(v1|beta)(?=\/)/, "");
  if (p === "/chat/completions") return "chat_completions";
  if (p === "/models" || p.startsWith("/models/")) return "models";
  if (p === "/health") return "health";
  if (p === "/metrics") return "metrics";
  return "other";
}

const round = (ms: number | undefined) => (ms == null ? undefined : Math.round(ms * 10) / 10);
