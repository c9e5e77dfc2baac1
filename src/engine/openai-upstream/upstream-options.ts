import { DeepthinkError } from "../../errors.js";
import type { ReasoningSplitMode } from "./adapters/adapter.js";
import type { UpstreamKindSetting } from "./upstream-kind.js";

export interface UpstreamEngineOptions {
  /** The model id this server lists (`/v1/models`) and answers to. */
  name: string;
  aliases?: string[];
  /** The upstream server's root, e.g. `http://gpu1:8000` (a trailing `/v1` is accepted and dropped). */
  baseUrl: string;
  /** Sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /** Which server it is; `auto` (default) asks GET /v1/models once. */
  kind?: UpstreamKindSetting;
  /** The model id the upstream expects; default: DeepSeek's `deepseek-reasoner`, else the first it lists. */
  upstreamModel?: string;
  /** Override the adapter's knowledge of whether the upstream splits reasoning (see ReasoningSplitMode). */
  reasoningSplit?: ReasoningSplitMode;
  /** Context per request when the upstream does not say (vLLM does); informative only. */
  contextSize?: number;
  /** Requests the upstream serves at once, as configured there; informative only (0 = not known). */
  parallel?: number;
  /** Until the response headers arrive (a queued request on a busy upstream waits here). */
  connectTimeoutMs?: number;
  /** Longest silence mid-stream before the stream is given up. */
  idleTimeoutMs?: number;
  healthTimeoutMs?: number;
  /** Overrides the adapter's health route (`/health`, `/api/version`, `/v1/models`). */
  healthPath?: string;
  fetch?: typeof fetch;
  now?: () => number;
}

export const UPSTREAM_DEFAULTS = {
  connectTimeoutMs: 60_000,
  idleTimeoutMs: 300_000,
  healthTimeoutMs: 5_000,
} as const;

/** The server root as a URL: trailing slashes and an OpenAI-style `/v1` removed. */
export function upstreamRoot(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new DeepthinkError(
      "invalid_argument",
      `'${baseUrl}' is not a URL; give the upstream as http://host:port.`,
      {
        param: "baseUrl",
      },
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new DeepthinkError(
      "invalid_argument",
      `The upstream URL '${baseUrl}' must start with http:// or https://.`,
      {
        param: "baseUrl",
      },
    );
  }
  url.pathname = url.pathname.replace(/\/+$/, "").replace(/\/v1$/, "");
  url.search = "";
  url.hash = "";
  return url;
}

/** Root + path, without doubling slashes (the root may itself have a path, e.g. behind a proxy). */
export function joinUrl(root: URL, path: string): string {
  return `${root.origin}${root.pathname.replace(/\/+$/, "")}${path}`;
}
