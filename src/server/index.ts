/** The OpenAI- and DeepSeek-compatible HTTP API. */
export { collectApiKeys } from "./api-key-auth.js";
export { type AppOptions, type Clock, DEFAULT_LIMITS, type ServerLimits } from "./app-env.js";
export { createApp, randomId, systemClock } from "./create-app.js";
export { type HttpError, toHttpError } from "./http-errors.js";
export {
  createModelHost,
  DEEPSEEK_ALIAS,
  type HostStatus,
  hostFromEngine,
  type LoadContext,
  type ModelHost,
  type ModelLoader,
  type ModelNames,
} from "./model-host.js";
export { createModelSet, hostsOf, type ModelSet, servedFrom, servedNames } from "./model-set.js";
export type { ChatCompletion, ChatCompletionChunk, ReasoningFields } from "./openai-wire.js";
export { createServerMetrics, type ServerMetrics } from "./server-metrics.js";
export {
  assertBindAllowed,
  DEFAULT_HOST,
  DEFAULT_PORT,
  isLoopbackHost,
  type RunningServer,
  type StartServerOptions,
  startServer,
} from "./start-server.js";
