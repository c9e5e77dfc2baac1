/** An engine over any OpenAI-compatible server: vLLM, SGLang, llama.cpp's server, Ollama, DeepSeek, deepthink. */
export {
  adapterFor,
  type ReasoningSplitMode,
  type UpstreamAdapter,
  type UpstreamBody,
} from "./adapters/index.js";
export { createUpstreamEngine, type HealthReport, type UpstreamEngine } from "./upstream-engine.js";
export {
  detectKind,
  isUpstreamKind,
  UPSTREAM_KINDS,
  type UpstreamKind,
  type UpstreamKindSetting,
} from "./upstream-kind.js";
export { UPSTREAM_DEFAULTS, type UpstreamEngineOptions, upstreamRoot } from "./upstream-options.js";
