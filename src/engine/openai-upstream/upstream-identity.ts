import { DeepthinkError } from "../../errors.js";
import { adapterFor, type UpstreamAdapter } from "./adapters/index.js";
import { readModelList } from "./discover-upstream.js";
import type { UpstreamClient } from "./upstream-client.js";
import type { UpstreamKind, UpstreamKindSetting } from "./upstream-kind.js";

export interface Resolved {
  adapter: UpstreamAdapter;
  /** The model id to send; undefined for servers that serve one model and need none. */
  model: string | undefined;
}

/**
 * Which server this is and which model id it wants: from the configuration when it says, else asked
 * of GET /v1/models once (and asked again after a failure). The answer is shared by every caller
 * waiting for it, so one caller's abort stops only its own wait.
 */
export class UpstreamIdentity {
  readonly #client: UpstreamClient;
  readonly #upstreamModel: string | undefined;
  readonly #timeoutMs: number;
  #kind: UpstreamKind | undefined;
  #contextSize: number | undefined;
  #pending: Promise<Resolved> | undefined;

  constructor(
    client: UpstreamClient,
    kind: UpstreamKindSetting | undefined,
    upstreamModel: string | undefined,
    contextSize: number | undefined,
    timeoutMs: number,
  ) {
    this.#client = client;
    this.#kind = kind != null && kind !== "auto" ? kind : undefined;
    this.#upstreamModel = upstreamModel;
    this.#contextSize = contextSize;
    this.#timeoutMs = timeoutMs;
  }

  get kind(): UpstreamKind | undefined {
    return this.#kind;
  }

  /** Context per request when configured or reported (vLLM's `max_model_len`). */
  get contextSize(): number | undefined {
    return this.#contextSize;
  }

  resolve(signal: AbortSignal | undefined): Promise<Resolved> {
    const known = this.#kind != null ? adapterFor(this.#kind) : undefined;
    const model = this.#upstreamModel ?? known?.defaultModel;
    if (known != null && (model != null || !known.needsModel))
      return Promise.resolve({ adapter: known, model });
    this.#pending ??= this.#discover().catch((error: unknown) => {
      this.#pending = undefined;
      throw error;
    });
    return untilAborted(this.#pending, signal);
  }

  async #discover(): Promise<Resolved> {
    const answer = await this.#client.get("/v1/models", undefined, this.#timeoutMs);
    if (!answer.ok) throw this.#client.httpError(answer.status, answer.text, answer.retryAfter);
    const found = readModelList(this.#client.root, answer.text);
    this.#kind ??= found.kind;
    this.#contextSize ??= found.contextSize;
    const adapter = adapterFor(this.#kind);
    return { adapter, model: this.#upstreamModel ?? adapter.defaultModel ?? found.model };
  }
}

/** The promise, or an `aborted` rejection as soon as the signal fires (the promise keeps running). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (signal == null) return promise;
  const aborted = () => new DeepthinkError("aborted", "The request was aborted.");
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
