/**
 * The API as a Hono app: a fetch function, testable without sockets through `app.request`. Every effect
 * (model host, logger, clock, ids) comes in through the options.
 */
import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { isDeepthinkError } from "../errors.js";
import { searchConfigFromEnv } from "../search/search-config.js";
import { apiKeyAuth } from "./api-key-auth.js";
import { type AppEnv, type AppOptions, type Clock, DEFAULT_LIMITS } from "./app-env.js";
import { plainHttpError, resolveHttpError } from "./http-errors.js";
import { requestLog } from "./request-log.js";
import { chatCompletionsHandler } from "./routes/chat-completions.js";
import { healthHandler } from "./routes/health.js";
import { metricsHandler } from "./routes/metrics.js";
import { modelsHandlers } from "./routes/models.js";
import { createServerMetrics } from "./server-metrics.js";

export const systemClock: Clock = { now: () => performance.timeOrigin + performance.now() };

export const randomId = (): string => randomUUID().replaceAll("-", "");

export function createApp(options: AppOptions): Hono<AppEnv> {
  const host = options.models;
  const clock = options.clock ?? systemClock;
  const idGenerator = options.idGenerator ?? randomId;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const metrics = options.metrics ?? createServerMetrics(host);
  const app = new Hono<AppEnv>();

  app.use(requestLog({ logger: options.logger, clock, idGenerator, metrics }));
  app.use(apiKeyAuth(options.apiKeys ?? []));

  const chat = chatCompletionsHandler({
    host,
    limits,
    clock,
    idGenerator,
    reasoningFields: options.reasoningFields ?? "both",
    // Read when a request asks for search, so a server without search settings starts as before.
    openSearch: options.openSearch ?? ((provider) => searchConfigFromEnv(process.env, { provider })),
  });
  // DeepSeek's base URL works with and without /v1; /beta is its base URL for prefix completion.
  for (const prefix of ["/v1", "", "/beta"]) app.post(`${prefix}/chat/completions`, chat);
  const models = modelsHandlers(host, Math.floor(clock.now() / 1000));
  for (const prefix of ["/v1", ""]) {
    app.get(`${prefix}/models`, models.list);
    app.get(`${prefix}/models/:id{.+}`, models.retrieve);
  }
  app.get("/health", healthHandler(host));
  app.get("/metrics", metricsHandler(metrics, options.extraMetrics));
  options.mount?.(app, { host, clock, idGenerator });

  app.notFound((c) => {
    const http = plainHttpError(
      404,
      `There is no route ${c.req.method} ${c.req.path} on this server.`,
      "unknown_route",
    );
    return c.json(http.body, 404);
  });
  app.onError((error, c) => {
    const record = c.get("record");
    const http = resolveHttpError(error, {
      loading: host.status().state === "loading",
      requestId: record?.id,
    });
    if (record != null) {
      record.errorCode = isDeepthinkError(error) ? error.code : (http.body.error.code ?? undefined);
      if (http.isServerFault) record.fault = error;
    }
    return c.json(http.body, http.status as ContentfulStatusCode, http.headers);
  });
  return app;
}
