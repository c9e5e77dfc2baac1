import type { Hono } from "hono";
/** What the app's middleware and routes share per request, and the effects they are given. */
import type { Logger } from "pino";
import type { Usage } from "../engine/spec.js";
import type { OpenSearch } from "./augment-request.js";
import type { ModelHost } from "./model-host.js";
import type { ReasoningFields } from "./openai-wire.js";
import type { ServerMetrics } from "./server-metrics.js";

/** Everything the request log line and the metrics need, filled in as the request goes. */
export interface RequestRecord {
  id: string;
  /** Clock time (ms) when the request arrived. */
  startedAt: number;
  route: string;
  model?: string;
  usage?: Usage;
  timeToFirstTokenMs?: number;
  errorCode?: string;
  /** A server fault (5xx) to log with its stack; client mistakes never carry one. */
  fault?: unknown;
  /** A streamed response is logged when its body ends, not when its headers leave. */
  streamEnded?: Promise<void>;
}

export type AppEnv = { Variables: { record: RequestRecord } };

export interface Clock {
  /** Milliseconds since the epoch; fractional is welcome (durations use it). */
  now(): number;
}

export interface ServerLimits {
  /** Largest request body accepted, in bytes (413 beyond). */
  maxBodyBytes: number;
  /** Most choices (`n`) one request may ask for; each one takes a slot. */
  maxChoices: number;
  /** A `: keep-alive` comment goes out after this long without a frame. */
  keepAliveMs: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 8 * 1024 * 1024,
  maxChoices: 8,
  keepAliveMs: 10_000,
};

export interface AppOptions {
  models: ModelHost;
  logger: Logger;
  clock?: Clock;
  /** Random ids for requests and completions (no prefix; the server adds `req_` / `chatcmpl-`). */
  idGenerator?: () => string;
  /** Accepted API keys; empty or absent means no authentication. */
  apiKeys?: readonly string[];
  limits?: Partial<ServerLimits>;
  /** Which reasoning field(s) responses carry; both by default, as clients read either. */
  reasoningFields?: ReasoningFields;
  metrics?: ServerMetrics;
  /** More Prometheus text for /metrics (the routers' per-replica series). */
  extraMetrics?: () => string;
  /** Web search for `web_search` requests; default: the settings in this process's environment. */
  openSearch?: OpenSearch;
  /** Adds routes to the app after the API's own (the chat app: `mountChatApp`). */
  mount?: (app: Hono<AppEnv>, context: { host: ModelHost; clock: Clock; idGenerator: () => string }) => void;
}
