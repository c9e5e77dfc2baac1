import { type UpstreamRef, upstreamHttpError } from "./upstream-errors.js";
import { joinUrl, upstreamRoot } from "./upstream-options.js";
import { fetchUpstream, linkedController } from "./upstream-request.js";

/** The HTTP side of one upstream: its root, its name for messages, its key. */
export class UpstreamClient {
  readonly root: URL;
  readonly ref: UpstreamRef;
  readonly #fetch: typeof fetch;
  readonly #apiKey: string | undefined;

  constructor(
    name: string,
    baseUrl: string,
    apiKey: string | undefined,
    fetchImpl: typeof fetch | undefined,
  ) {
    this.root = upstreamRoot(baseUrl);
    this.ref = { name, url: joinUrl(this.root, "") };
    this.#fetch = fetchImpl ?? fetch;
    this.#apiKey = apiKey != null && apiKey !== "" ? apiKey : undefined;
  }

  /** POST JSON, streaming answer expected; the controller keeps aborting the body after the headers. */
  post(
    path: string,
    body: unknown,
    controller: AbortController,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ) {
    return fetchUpstream(
      joinUrl(this.root, path),
      {
        method: "POST",
        headers: this.#headers({ "Content-Type": "application/json", Accept: "text/event-stream" }),
        body: JSON.stringify(body),
      },
      { fetch: this.#fetch, ref: this.ref, controller, signal, timeoutMs },
    );
  }

  /** GET whose whole body is read: `{status, text}`; a non-2xx is not an error here. */
  async get(path: string, signal: AbortSignal | undefined, timeoutMs: number) {
    const link = linkedController(signal);
    try {
      const response = await fetchUpstream(
        joinUrl(this.root, path),
        { headers: this.#headers({}) },
        { fetch: this.#fetch, ref: this.ref, controller: link.controller, signal, timeoutMs },
      );
      return {
        status: response.status,
        ok: response.ok,
        text: await response.text(),
        retryAfter: response.headers.get("retry-after"),
      };
    } finally {
      link.release();
    }
  }

  /** A non-2xx answer as our error, with the upstream's message. */
  httpError(status: number, text: string, retryAfter: string | null) {
    return upstreamHttpError(this.ref, status, text, retryAfter);
  }

  #headers(extra: Record<string, string>): Record<string, string> {
    return this.#apiKey != null ? { ...extra, Authorization: `Bearer ${this.#apiKey}` } : extra;
  }
}
