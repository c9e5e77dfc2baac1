/**
 * A fake Hugging Face Hub on 127.0.0.1 for the pull tests (node:http, real sockets): the tree listing
 * API, `/resolve/` downloads with Range support, and plain `/files/` URLs. Bodies are served in small
 * throttled chunks so that a test can stop a download midway. Every request is recorded.
 */
import { createHash } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeFile {
  path: string;
  content: Buffer;
  /** Listing lies about the size (to provoke size_mismatch). */
  listedSize?: number;
  /** Listing lies about the sha256 (to provoke checksum_mismatch). */
  listedSha256?: string;
  /** Answer 200 with the whole file even when a Range is asked for. */
  ignoreRange?: boolean;
  /** Cut the connection after this many body bytes, once (the next request is served whole). */
  dropAfterBytes?: number;
  contentType?: string;
}

export interface RecordedRequest {
  path: string;
  range: string | undefined;
  authorization: string | undefined;
  status: number;
}

export interface FakeHub {
  endpoint: string;
  requests: RecordedRequest[];
  addRepo(repoId: string, files: FakeFile[], options?: { token?: string }): void;
  addUrl(file: FakeFile): string;
  /** Chunk size and pause between chunks of every body. */
  throttle: { chunkBytes: number; delayMs: number };
  close(): Promise<void>;
}

/** Deterministic pseudo-random bytes (xorshift), so the tests need no fixtures. */
export function testBytes(size: number, seed = 1): Buffer {
  const buffer = Buffer.alloc(size);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    buffer[i] = x & 0xff;
  }
  return buffer;
}

export function sha256(content: Buffer): string {
  return createHash("sha256").update(content).digest("hex");
}

async function sendBody(
  res: ServerResponse,
  body: Buffer,
  throttle: FakeHub["throttle"],
  dropAt?: number,
): Promise<void> {
  let closed = false;
  res.on("close", () => {
    closed = true;
  });
  for (let at = 0; at < body.length && !closed; at += throttle.chunkBytes) {
    if (dropAt != null && at >= dropAt) {
      res.socket?.destroy();
      return;
    }
    const ok = res.write(body.subarray(at, at + throttle.chunkBytes));
    if (!ok) await new Promise((resolve) => res.once("drain", resolve));
    if (throttle.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, throttle.delayMs));
  }
  res.end();
}

function serveFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: FakeFile,
  hub: FakeHub,
): Promise<void> | undefined {
  const size = file.content.length;
  const dropAt = file.dropAfterBytes;
  file.dropAfterBytes = undefined;
  const match = /^bytes=(\d+)-$/.exec(req.headers.range ?? "");
  if (match != null && file.ignoreRange !== true) {
    const start = Number(match[1]);
    if (start >= size) {
      res.writeHead(416, { "content-range": `bytes */${size}` }).end();
      return undefined;
    }
    res.writeHead(206, {
      "content-range": `bytes ${start}-${size - 1}/${size}`,
      "content-length": size - start,
    });
    return sendBody(res, file.content.subarray(start), hub.throttle, dropAt);
  }
  res.writeHead(200, {
    "content-length": size,
    "content-type": file.contentType ?? "application/octet-stream",
  });
  return sendBody(res, file.content, hub.throttle, dropAt);
}

export async function startFakeHub(): Promise<FakeHub> {
  const repos = new Map<string, { files: FakeFile[]; token?: string }>();
  const urls = new Map<string, FakeFile>();
  const hub = {
    requests: [] as RecordedRequest[],
    throttle: { chunkBytes: 64 * 1024, delayMs: 0 },
  } as FakeHub;

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = decodeURIComponent(url.pathname);
    const record = (status: number) =>
      hub.requests.push({ path, range: req.headers.range, authorization: req.headers.authorization, status });
    const tree = /^\/api\/models\/([^/]+\/[^/]+)\/tree\/([^/]+)$/.exec(path);
    const resolve = /^\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    const repo = repos.get(tree?.[1] ?? resolve?.[1] ?? "");
    if ((tree != null || resolve != null) && repo == null) {
      record(404);
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":"Repository not found"}');
      return;
    }
    if (repo?.token != null && req.headers.authorization !== `Bearer ${repo.token}`) {
      record(401);
      res
        .writeHead(401, { "content-type": "application/json" })
        .end('{"error":"Access to this repo is restricted"}');
      return;
    }
    if (tree != null && repo != null) {
      record(200);
      // Reverse order, so that the client has to sort split parts itself.
      const listing = [...repo.files].reverse().map((file) => ({
        type: "file",
        oid: "0000",
        path: file.path,
        size: file.listedSize ?? file.content.length,
        lfs: {
          oid: file.listedSha256 ?? sha256(file.content),
          size: file.listedSize ?? file.content.length,
          pointerSize: 134,
        },
      }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(listing));
      return;
    }
    const file =
      resolve != null ? repo?.files.find((candidate) => candidate.path === resolve[3]) : urls.get(path);
    if (file == null) {
      record(404);
      res.writeHead(404).end("not found");
      return;
    }
    const pending = serveFile(req, res, file, hub);
    record(res.statusCode);
    void pending?.catch(() => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  hub.endpoint = `http://127.0.0.1:${port}`;
  hub.addRepo = (repoId, files, options = {}) => repos.set(repoId, { files, token: options.token });
  hub.addUrl = (file) => {
    urls.set(`/files/${file.path}`, file);
    return `${hub.endpoint}/files/${file.path}`;
  };
  hub.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return hub;
}
