/**
 * Fetching a page a search result points at, without becoming a way into the network the server sits
 * in (SSRF). Every hop: the URL must be http(s) without credentials; the host is resolved once, EVERY
 * address it resolves to must be public (or inside the operator's `allowNetworks`), and the connection
 * goes to that checked address only (pinned, so a second DNS answer cannot differ). Redirects are
 * followed by hand, at most `maxRedirects`, each hop checked the same way before any connection. Only
 * text types are read, at most `maxBytes` after decompression, within `timeoutMs` for the whole fetch.
 */
import { DeepthinkError } from "../errors.js";
import { decodeText } from "../files/decode-text.js";
import { createAddressPolicy } from "./address-policy.js";
import { FetchRefusedError } from "./fetch-refused.js";
import { type OpenRequest, openPinnedRequest } from "./pinned-request.js";
import { isTextType, parseContentType, readBody, sniffHtmlCharset } from "./read-body.js";
import { type LookupAll, resolveChecked, systemLookup } from "./resolve-checked.js";

export type { LookupAll } from "./resolve-checked.js";
export { systemLookup } from "./resolve-checked.js";

export interface SafeFetchOptions {
  /** CIDRs the operator opens (intranets, tests), e.g. `["127.0.0.0/8"]`. Metadata needs an exact entry. */
  allowNetworks?: readonly string[];
  /** Default 2 MiB. */
  maxBytes?: number;
  /** For the whole fetch, redirects included. Default 10 s. */
  timeoutMs?: number;
  /** Default 5. */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Injected DNS (tests); default the system resolver. */
  lookup?: LookupAll;
  /** Injected transport (tests spy on it); default a pinned node:http(s) request. */
  openRequest?: OpenRequest;
  userAgent?: string;
}

export interface SafeFetchResult {
  /** The final URL, after redirects. */
  url: string;
  status: number;
  mediaType: string;
  text: string;
  truncated: boolean;
  /** Every URL redirected from, in order. */
  redirects: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ACCEPT = "text/html,application/xhtml+xml,text/plain;q=0.9,application/json;q=0.8,text/*;q=0.7";

function checkUrl(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchRefusedError("bad_url", url.href, `Refused to fetch ${url.href}: only http and https.`);
  }
  if (url.username !== "" || url.password !== "") {
    throw new FetchRefusedError(
      "bad_url",
      url.href,
      `Refused to fetch ${url.origin}: the URL carries credentials.`,
    );
  }
}

export async function safeFetch(input: string, options: SafeFetchOptions = {}): Promise<SafeFetchResult> {
  const policy = createAddressPolicy(options.allowNetworks);
  const lookup = options.lookup ?? systemLookup;
  const open = options.openRequest ?? openPinnedRequest;
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = options.signal != null ? AbortSignal.any([options.signal, deadline]) : deadline;
  const headers = {
    accept: ACCEPT,
    "accept-encoding": "gzip, deflate, br",
    "user-agent": options.userAgent ?? "Mozilla/5.0 (compatible; deepthink)",
  };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new FetchRefusedError("bad_url", input, `Refused to fetch '${input}': not a URL.`);
  }
  const redirects: string[] = [];
  try {
    for (;;) {
      url.hash = "";
      checkUrl(url);
      const target = await resolveChecked(url, policy, lookup, signal);
      const response = await open({ url, ...target, headers, signal });
      const status = response.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        response.destroy();
        const location = response.headers.location;
        if (redirects.length >= maxRedirects || location == null) {
          const why =
            location == null ? "a redirect without a Location" : `more than ${maxRedirects} redirects`;
          throw new FetchRefusedError(
            "too_many_redirects",
            url.href,
            `Stopped fetching ${url.href}: ${why}.`,
          );
        }
        redirects.push(url.href);
        url = new URL(location, url);
        continue;
      }
      if (status < 200 || status > 299) {
        response.destroy();
        throw new FetchRefusedError("http_status", url.href, `${url.href} answered HTTP ${status}.`);
      }
      const { mediaType, charset } = parseContentType(response.headers["content-type"]);
      const body = isTextType(mediaType)
        ? await readBody(response, options.maxBytes ?? 2 * 1024 * 1024)
        : null;
      const html = mediaType === "text/html" || mediaType === "application/xhtml+xml";
      const text =
        body == null
          ? null
          : decodeText(body.bytes, charset ?? (html ? sniffHtmlCharset(body.bytes) : undefined));
      if (body == null || text == null) {
        response.destroy();
        const type = mediaType === "" ? "no content type" : mediaType;
        throw new FetchRefusedError("unsupported_type", url.href, `${url.href} is not text (${type}).`);
      }
      return { url: url.href, status, mediaType, text, truncated: body.truncated, redirects };
    }
  } catch (error) {
    if (error instanceof DeepthinkError) throw error;
    if (options.signal?.aborted === true)
      throw new DeepthinkError("aborted", "The fetch was aborted.", { cause: error });
    if (deadline.aborted) {
      throw new FetchRefusedError("timeout", url.href, `${url.href} did not answer within ${timeoutMs} ms.`, {
        cause: error,
      });
    }
    const message = error instanceof Error ? error.message : String(error);
    throw new FetchRefusedError("connection_failed", url.href, `Cannot fetch ${url.href}: ${message}.`, {
      cause: error,
    });
  }
}
