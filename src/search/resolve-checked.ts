/**
 * A URL's host to the one address `safeFetch` may connect to: an IP literal as it is, a name through
 * DNS (once). EVERY address the name resolves to must pass the policy, not just the first: a name that
 * answers one public and one private address could otherwise be connected to either.
 */
import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import type { AddressPolicy } from "./address-policy.js";
import { FetchRefusedError } from "./fetch-refused.js";
import { bareHostname } from "./pinned-request.js";

export type LookupAll = (hostname: string) => Promise<ReadonlyArray<{ address: string; family: number }>>;

export const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** The one address to connect to, after checking all of them. */
export async function resolveChecked(
  url: URL,
  policy: AddressPolicy,
  lookup: LookupAll,
  signal: AbortSignal,
) {
  const host = bareHostname(url);
  let addresses: ReadonlyArray<{ address: string; family: number }>;
  if (isIP(host) !== 0) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await raceAbort(lookup(host), signal);
    } catch (error) {
      if (signal.aborted) throw error;
      throw new FetchRefusedError("dns_failed", url.href, `Cannot resolve ${host}.`, { cause: error });
    }
  }
  if (addresses.length === 0) throw new FetchRefusedError("dns_failed", url.href, `${host} has no address.`);
  for (const { address } of addresses) {
    const verdict = policy.check(address);
    if (!verdict.allowed) {
      throw new FetchRefusedError(
        "blocked_address",
        url.href,
        `Refused to fetch ${url.href}: ${host} is ${address} (${verdict.range}), not a public address.`,
        { address, range: verdict.range },
      );
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: (first.family === 6 ? 6 : 4) as 4 | 6 };
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
