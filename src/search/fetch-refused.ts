/** Why `safeFetch` did not fetch a page (or stopped): a stable `reason` on top of the error code. */
import { DeepthinkError, type ErrorCode } from "../errors.js";

export type FetchRefusal =
  /** Not http(s), or user:password@ in the URL. */
  | "bad_url"
  /** A loopback, private, link-local, CGNAT, unique-local, metadata or other non-public address. */
  | "blocked_address"
  | "dns_failed"
  | "too_many_redirects"
  /** Not a text type (or no type at all, or binary content). */
  | "unsupported_type"
  | "http_status"
  | "timeout"
  | "connection_failed";

const CODE: Readonly<Record<FetchRefusal, ErrorCode>> = {
  bad_url: "invalid_request",
  blocked_address: "invalid_request",
  dns_failed: "network_unavailable",
  too_many_redirects: "invalid_request",
  unsupported_type: "invalid_request",
  http_status: "network_unavailable",
  timeout: "network_unavailable",
  connection_failed: "network_unavailable",
};

export class FetchRefusedError extends DeepthinkError {
  readonly reason: FetchRefusal;
  /** The URL refused (after redirects, the hop that was refused). */
  readonly url: string;
  /** For `blocked_address`: the address and its range name (e.g. `loopback`, `metadata`). */
  readonly address: string | undefined;
  readonly range: string | undefined;

  constructor(
    reason: FetchRefusal,
    url: string,
    message: string,
    extra: { address?: string; range?: string; cause?: unknown } = {},
  ) {
    super(CODE[reason], message, { param: "url", cause: extra.cause });
    this.reason = reason;
    this.url = url;
    this.address = extra.address;
    this.range = extra.range;
  }
}
