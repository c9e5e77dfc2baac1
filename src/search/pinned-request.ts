/**
 * An HTTP(S) GET that connects to one address chosen in advance. `safeFetch` resolves a host, checks
 * every address, and hands the checked one here; the socket's own `lookup` is replaced so Node cannot
 * resolve the name again (a DNS-rebinding server would answer a private address the second time).
 * TLS still verifies the certificate against the host name, and `Host` carries the name.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

export interface PinnedTarget {
  url: URL;
  /** The checked address to connect to. */
  address: string;
  family: 4 | 6;
  headers: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

/** Opens the request and resolves with the response head; the body is the caller's to read or destroy. */
export type OpenRequest = (target: PinnedTarget) => Promise<IncomingMessage>;

export function bareHostname(url: URL): string {
  return url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
}

export const openPinnedRequest: OpenRequest = (target) =>
  new Promise((resolve, reject) => {
    const { url, address, family } = target;
    const secure = url.protocol === "https:";
    const pinned = ((_hostname, options, callback) => {
      // Node 20 asks for every address (`all`) when it races IPv4/IPv6; either way there is exactly one.
      if (typeof options === "object" && options?.all === true) callback(null, [{ address, family }]);
      else callback(null, address, family);
    }) as LookupFunction;
    const request = (secure ? https : http).request(
      {
        protocol: url.protocol,
        hostname: bareHostname(url),
        port: url.port === "" ? (secure ? 443 : 80) : Number(url.port),
        path: `${url.pathname}${url.search}`,
        method: "GET",
        headers: target.headers,
        signal: target.signal,
        lookup: pinned,
        // A fresh connection each time: a pooled socket was checked for another request, not this one.
        agent: false,
      },
      resolve,
    );
    request.on("error", reject);
    request.end();
  });
