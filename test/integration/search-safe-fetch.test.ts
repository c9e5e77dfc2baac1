/**
 * SSRF: a page fetch never reaches loopback, private, link-local or metadata addresses, directly, by
 * name or by redirect. Private and metadata addresses are never actually contacted by these tests: the
 * transport is wrapped in a guard that only lets the allowed test server through, and a diagnostics
 * channel counts every TCP socket Node opens, so "refused before any connection" is observed, not assumed.
 */
import assert from "node:assert/strict";
import dc from "node:diagnostics_channel";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { FetchRefusedError } from "../../src/search/fetch-refused.js";
import { type SafeFetchOptions, safeFetch } from "../../src/search/safe-fetch.js";
import { guardedTransport as guarded } from "../fixtures/search/guarded-transport.js";
import { type LocalServer, send, startLocalServer } from "../fixtures/search/local-server.js";

let sockets = 0;
const onSocket = () => sockets++;
dc.subscribe("net.client.socket", onSocket);

// `victim` plays the internal service on 127.0.0.1; `allowed` is the operator-allowed server on 127.0.0.2.
let victim: LocalServer;
let allowed: LocalServer;
before(async () => {
  victim = await startLocalServer((_, response) => send(response, 200, "text/plain", "internal secret"));
  allowed = await startLocalServer((request, response) => {
    const url = new URL(request.url, "http://x");
    const to = url.searchParams.get("to");
    if (url.pathname === "/redirect" && to != null) {
      response.writeHead(302, { location: to });
      return response.end();
    }
    if (url.pathname === "/loop") {
      response.writeHead(301, { location: `/loop?n=${Number(url.searchParams.get("n") ?? 0) + 1}` });
      return response.end();
    }
    if (url.pathname === "/page") {
      return send(
        response,
        200,
        "text/html; charset=utf-8",
        "<html><head><title>Ok</title></head><body><p>Hello</p></body></html>",
      );
    }
    if (url.pathname === "/gzip") {
      const body = gzipSync(Buffer.from("x".repeat(5_000_000)));
      response.writeHead(200, {
        "content-type": "text/plain",
        "content-encoding": "gzip",
        "content-length": body.length,
      });
      return response.end(body);
    }
    if (url.pathname === "/latin1")
      return send(response, 200, "text/plain; charset=ISO-8859-1", Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    if (url.pathname === "/png")
      return send(response, 200, "image/png", Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    if (url.pathname === "/untyped") {
      response.writeHead(200);
      return response.end("no type");
    }
    if (url.pathname === "/missing") return send(response, 404, "text/plain", "nope");
    if (url.pathname === "/hang") return; // never answers
    send(response, 200, "text/plain", "ok");
  }, "127.0.0.2");
});
after(async () => {
  dc.unsubscribe("net.client.socket", onSocket);
  await victim.close();
  await allowed.close();
});

const ALLOW_SOURCE = ["127.0.0.2/32"];

async function refused(url: string, options: SafeFetchOptions, reason: string, range?: string) {
  const guard = guarded();
  const before = sockets;
  const victimRequests = victim.requests.length;
  await assert.rejects(safeFetch(url, { openRequest: guard.open, ...options }), (error: unknown) => {
    const e = error as FetchRefusedError;
    assert.equal(e.reason, reason, `${url}: ${e.message}`);
    if (range != null) assert.equal(e.range, range, url);
    return true;
  });
  assert.ok(
    guard.addresses.every((a) => a === "127.0.0.2"),
    `${url}: a connection was attempted to ${guard.addresses}`,
  );
  assert.equal(victim.requests.length, victimRequests, `${url}: the internal server got a request`);
  return { sockets: sockets - before, guard };
}

test("our own server on 127.0.0.1 is refused, and receives no request", async () => {
  const { sockets: opened } = await refused(`${victim.origin}/`, {}, "blocked_address", "loopback");
  assert.equal(opened, 0, "no socket was opened");
  // The real transport, unguarded, refuses just the same.
  await assert.rejects(safeFetch(`${victim.origin}/`), {
    reason: "blocked_address",
    code: "invalid_request",
  });
  assert.equal(victim.requests.length, 0);
});

test("10.0.0.1, 169.254.169.254 and fd00:ec2::254 are refused before any connection attempt", async () => {
  for (const [url, range] of [
    ["http://10.0.0.1/", "private"],
    ["http://169.254.169.254/latest/meta-data/iam/security-credentials/", "metadata"],
    ["http://[fd00:ec2::254]/latest/meta-data/", "metadata"],
    ["http://100.100.100.200/latest/meta-data/", "metadata"],
    ["http://192.168.0.1:8080/admin", "private"],
  ] as const) {
    const { sockets: opened, guard } = await refused(url, {}, "blocked_address", range);
    assert.equal(opened, 0, `${url}: no socket`);
    assert.deepEqual(guard.addresses, [], `${url}: the transport was never called`);
  }
});

test("[::1], IPv4-mapped and numeric spellings of loopback are refused", async () => {
  for (const url of [
    `http://[::1]:${victim.port}/`,
    `http://[::ffff:127.0.0.1]:${victim.port}/`,
    `http://2130706433:${victim.port}/`,
    `http://0x7f.1:${victim.port}/`,
    `http://0.0.0.0:${victim.port}/`,
  ]) {
    const { sockets: opened } = await refused(url, {}, "blocked_address");
    assert.equal(opened, 0, url);
  }
});

test("a host name is checked after resolution: localhost, and a name with one private address among public ones", async () => {
  await refused(`http://localhost:${victim.port}/`, {}, "blocked_address", "loopback");
  const lookup = async (host: string) =>
    host === "mixed.test"
      ? [
          { address: "93.184.216.34", family: 4 },
          { address: "10.1.2.3", family: 4 },
        ]
      : [{ address: "127.0.0.1", family: 4 }];
  await refused("http://mixed.test/", { lookup }, "blocked_address", "private");
  await refused(`http://rebind.test:${victim.port}/`, { lookup }, "blocked_address", "loopback");
});

test("redirects from an allowed server to 127.0.0.1 and to 169.254.169.254 are not followed", async () => {
  const to127 = `${allowed.origin}/redirect?to=${encodeURIComponent(`${victim.origin}/secret`)}`;
  const first = await refused(to127, { allowNetworks: ALLOW_SOURCE }, "blocked_address", "loopback");
  assert.deepEqual(first.guard.addresses, ["127.0.0.2"], "only the allowed source was contacted");
  const toMetadata = `${allowed.origin}/redirect?to=${encodeURIComponent("http://169.254.169.254/latest/meta-data/")}`;
  const second = await refused(toMetadata, { allowNetworks: ALLOW_SOURCE }, "blocked_address", "metadata");
  assert.deepEqual(second.guard.addresses, ["127.0.0.2"]);
  const toName = `${allowed.origin}/redirect?to=${encodeURIComponent(`http://localhost:${victim.port}/`)}`;
  await refused(toName, { allowNetworks: ALLOW_SOURCE }, "blocked_address", "loopback");
  const toFile = `${allowed.origin}/redirect?to=${encodeURIComponent("file:///etc/passwd")}`;
  await refused(toFile, { allowNetworks: ALLOW_SOURCE }, "bad_url");
});

test("an allowed server is fetched: text, final URL, redirects listed; the connection is pinned to the checked address", async () => {
  const page = await safeFetch(`${allowed.origin}/redirect?to=/page`, { allowNetworks: ALLOW_SOURCE });
  assert.equal(page.url, `${allowed.origin}/page`);
  assert.deepEqual(page.redirects, [`${allowed.origin}/redirect?to=/page`]);
  assert.equal(page.mediaType, "text/html");
  assert.match(page.text, /<p>Hello<\/p>/);
  // DNS rebinding: the first answer is checked and used; a second lookup (which would say 10.x) never happens.
  let lookups = 0;
  const rebinding = async () =>
    lookups++ === 0 ? [{ address: "127.0.0.2", family: 4 }] : [{ address: "10.0.0.1", family: 4 }];
  const guard = guarded();
  const pinned = await safeFetch(`http://pinned.test:${allowed.port}/page`, {
    allowNetworks: ALLOW_SOURCE,
    lookup: rebinding,
    openRequest: guard.open,
  });
  assert.equal(lookups, 1);
  assert.deepEqual(guard.addresses, ["127.0.0.2"]);
  assert.equal(allowed.requests.at(-1)?.headers.host, `pinned.test:${allowed.port}`);
  assert.match(pinned.text, /Hello/);
});

test("only text types; charsets honoured; size capped after decompression; status and time limits", async () => {
  const opts = { allowNetworks: ALLOW_SOURCE };
  await refused(`${allowed.origin}/png`, opts, "unsupported_type");
  await refused(`${allowed.origin}/untyped`, opts, "unsupported_type");
  await refused(`${allowed.origin}/missing`, opts, "http_status");
  assert.equal((await safeFetch(`${allowed.origin}/latin1`, opts)).text, "café");
  const big = await safeFetch(`${allowed.origin}/gzip`, { ...opts, maxBytes: 10_000 });
  assert.equal(big.truncated, true);
  assert.equal(big.text.length, 10_000);
  await refused(`${allowed.origin}/loop`, opts, "too_many_redirects");
  assert.equal(allowed.requests.filter((r) => r.url.startsWith("/loop")).length >= 6, true);
  await refused(`${allowed.origin}/hang`, { ...opts, timeoutMs: 300 }, "timeout");
});

test("URLs that are not plain http(s) are refused without a lookup", async () => {
  let lookups = 0;
  const lookup = async () => {
    lookups++;
    return [{ address: "93.184.216.34", family: 4 }];
  };
  await refused("file:///etc/passwd", { lookup }, "bad_url");
  await refused("ftp://example.com/x", { lookup }, "bad_url");
  await refused("http://user:pass@example.com/", { lookup }, "bad_url");
  await refused("not a url", { lookup }, "bad_url");
  assert.equal(lookups, 0);
});
