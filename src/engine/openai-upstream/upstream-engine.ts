import { DeepthinkError } from "../../errors.js";
import type { NormalizedRequest } from "../../protocol/types.js";
import type { Engine, EngineInfo, EngineStats, EngineStatus, GenerateResult } from "../spec.js";
import { ChunkTranslator } from "./chunk-translator.js";
import { UpstreamClient } from "./upstream-client.js";
import { UpstreamIdentity } from "./upstream-identity.js";
import type { UpstreamKind } from "./upstream-kind.js";
import { UPSTREAM_DEFAULTS, type UpstreamEngineOptions } from "./upstream-options.js";
import { linkedController } from "./upstream-request.js";
import { upstreamPartStream } from "./upstream-stream.js";

export interface HealthReport {
  ok: boolean;
  /** Why not, in one sentence. */
  message?: string;
}

/** An engine the router can watch: it answers a health check and names itself in stats. */
export interface UpstreamEngine extends Engine {
  /** The upstream's root URL: the replica's name in stats and metrics. */
  readonly label: string;
  /** The kind in use, once known (`auto` resolves on first contact). */
  kind(): UpstreamKind | undefined;
  checkHealth(signal?: AbortSignal): Promise<HealthReport>;
}

/**
 * An Engine that streams from an OpenAI-compatible server (vLLM, SGLang, llama-server, Ollama, DeepSeek,
 * deepthink). Everything that can go wrong before the first byte (unreachable, HTTP error, a request
 * the upstream's dialect cannot express) rejects `generate`; what goes wrong later ends the stream with
 * an `error` part.
 */
export function createUpstreamEngine(options: UpstreamEngineOptions): UpstreamEngine {
  return new OpenAIUpstreamEngine(options);
}

class OpenAIUpstreamEngine implements UpstreamEngine {
  readonly label: string;
  readonly #options: UpstreamEngineOptions;
  readonly #client: UpstreamClient;
  readonly #identity: UpstreamIdentity;
  readonly #now: () => number;
  #status: EngineStatus = { state: "ready" };
  #inFlight = 0;
  #closed = false;

  constructor(options: UpstreamEngineOptions) {
    this.#options = options;
    this.#client = new UpstreamClient(options.name, options.baseUrl, options.apiKey, options.fetch);
    this.label = this.#client.ref.url;
    this.#identity = new UpstreamIdentity(
      this.#client,
      options.kind,
      options.upstreamModel,
      options.contextSize,
      this.#timeout("connectTimeoutMs"),
    );
    this.#now = options.now ?? (() => performance.now());
  }

  kind(): UpstreamKind | undefined {
    return this.#identity.kind;
  }

  info(): EngineInfo {
    return {
      modelId: this.#options.name,
      aliases: this.#options.aliases ?? [],
      contextSize: this.#identity.contextSize ?? 0,
      parallel: this.#options.parallel ?? 0,
      status: this.#status,
    };
  }

  stats(): EngineStats {
    return { busySlots: this.#inFlight, queueDepth: 0 };
  }

  async generate(request: NormalizedRequest, signal?: AbortSignal): Promise<GenerateResult> {
    if (this.#closed) {
      throw new DeepthinkError("model_unavailable", `The upstream '${this.#options.name}' is closed.`);
    }
    const startedAt = this.#now();
    const { adapter, model } = await this.#identity.resolve(signal);
    const body = adapter.body(request, model);
    const link = linkedController(signal);
    let response: Response;
    try {
      response = await this.#client.post(
        adapter.chatPath(request),
        body,
        link.controller,
        signal,
        this.#timeout("connectTimeoutMs"),
      );
      if (!response.ok || response.body == null) {
        const text = await response.text().catch(() => "");
        throw this.#client.httpError(response.status, text, response.headers.get("retry-after"));
      }
    } catch (error) {
      link.release();
      link.controller.abort();
      throw error;
    }
    this.#status = { state: "ready" };
    this.#inFlight++;
    const translator = new ChunkTranslator({
      split: this.#options.reasoningSplit ?? adapter.reasoningSplit,
      // The R1 templates prefill `<think>\n` unless thinking is off; a model that opens its own tag is
      // handled too (the splitter swallows a `<think>` at the very start).
      startInReasoning: request.thinking.type !== "off",
      now: this.#now,
      startedAt,
      promptChars: request.messages.reduce((n, m) => n + m.content.length, 0),
    });
    const stream = upstreamPartStream({
      body: response.body,
      translator,
      fetchController: link.controller,
      signal,
      idleTimeoutMs: this.#timeout("idleTimeoutMs"),
      ref: this.#client.ref,
      onEnd: () => {
        this.#inFlight--;
        link.release();
      },
    });
    return { stream };
  }

  /** GET the adapter's health route; the status follows the answer until the next check or success. */
  async checkHealth(signal?: AbortSignal): Promise<HealthReport> {
    let report: HealthReport;
    try {
      const { adapter } = await this.#identity.resolve(signal);
      const path = this.#options.healthPath ?? adapter.healthPath;
      const answer = await this.#client.get(path, signal, this.#timeout("healthTimeoutMs"));
      report = answer.ok ? { ok: true } : { ok: false, message: `GET ${path} answered ${answer.status}.` };
    } catch (error) {
      report = { ok: false, message: error instanceof Error ? error.message : String(error) };
    }
    this.#status = report.ok
      ? { state: "ready" }
      : { state: "error", message: report.message ?? "unhealthy" };
    return report;
  }

  async close(): Promise<void> {
    this.#closed = true;
  }

  #timeout(name: keyof typeof UPSTREAM_DEFAULTS): number {
    return this.#options[name] ?? UPSTREAM_DEFAULTS[name];
  }
}
