/** The metrics `GET /metrics` exposes: requests by status, tokens, time to first token, queue and slots. */
import type { Usage } from "../engine/spec.js";
import type { ModelHost } from "./model-host.js";
import { Counter, Gauge, Histogram, renderMetrics } from "./prometheus.js";

export interface RequestObservation {
  route: string;
  status: number;
  errorCode?: string;
  usage?: Usage;
  timeToFirstTokenMs?: number;
  durationMs: number;
}

export interface ServerMetrics {
  observe(observation: RequestObservation): void;
  render(): string;
}

const LATENCY_BUCKETS_S = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export function createServerMetrics(host: ModelHost): ServerMetrics {
  const requests = new Counter("deepthink_requests_total", "HTTP requests by route and status.");
  const errors = new Counter(
    "deepthink_request_errors_total",
    "Failed requests by error code (streams too).",
  );
  const promptTokens = new Counter("deepthink_prompt_tokens_total", "Prompt tokens processed.");
  const cachedTokens = new Counter(
    "deepthink_cached_prompt_tokens_total",
    "Prompt tokens served from the KV cache.",
  );
  const completionTokens = new Counter(
    "deepthink_completion_tokens_total",
    "Generated tokens (reasoning included).",
  );
  const reasoningTokens = new Counter(
    "deepthink_reasoning_tokens_total",
    "Generated tokens inside the think block.",
  );
  const ttft = new Histogram(
    "deepthink_time_to_first_token_seconds",
    "From request arrival to the first generated token sent.",
    LATENCY_BUCKETS_S,
  );
  const duration = new Histogram(
    "deepthink_request_duration_seconds",
    "Chat completion requests, arrival to last byte.",
    LATENCY_BUCKETS_S,
  );
  const stats = () => host.engine()?.stats() ?? { busySlots: 0, queueDepth: 0 };
  const gauges = [
    new Gauge("deepthink_queue_depth", "Requests waiting for a free slot.", () => stats().queueDepth),
    new Gauge("deepthink_busy_slots", "Slots generating now.", () => stats().busySlots),
    new Gauge("deepthink_slots", "Slots (parallel sequences) of the loaded model.", () => {
      return host.engine()?.info().parallel ?? 0;
    }),
    new Gauge("deepthink_model_ready", "1 when the model is loaded and serving.", () => {
      return host.status().state === "ready" ? 1 : 0;
    }),
    new Gauge("process_resident_memory_bytes", "Resident memory of the server process.", () => {
      return process.memoryUsage.rss();
    }),
  ];

  return {
    observe(o) {
      requests.inc({ route: o.route, status: String(o.status) });
      if (o.errorCode != null) errors.inc({ code: o.errorCode });
      if (o.usage != null) {
        promptTokens.inc({}, o.usage.promptTokens);
        cachedTokens.inc({}, o.usage.cachedPromptTokens);
        completionTokens.inc({}, o.usage.completionTokens);
        reasoningTokens.inc({}, o.usage.reasoningTokens);
      }
      if (o.timeToFirstTokenMs != null) ttft.observe(o.timeToFirstTokenMs / 1000);
      if (o.route === "chat_completions") duration.observe(o.durationMs / 1000);
    },
    render: () =>
      renderMetrics([
        requests,
        errors,
        promptTokens,
        cachedTokens,
        completionTokens,
        reasoningTokens,
        ttft,
        duration,
        ...gauges,
      ]),
  };
}
