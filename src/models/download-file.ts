/**
 * Download one file, resumably and verifiably. Bytes go to `<final>.partial`; only a file whose size
 * (and sha256, when known) checks out is renamed to its final name, so nothing half-written ever sits
 * there. An existing `.partial` is resumed with `Range: bytes=<size>-`; a server that ignores Range (200)
 * restarts it from 0; 416 means the partial already holds the whole file. The body streams to disk
 * through `pipeline` (backpressure, nothing buffered whole); the sha256 is computed on the way, over the
 * resumed prefix too. An abort keeps the `.partial` for the next run.
 */
import { createHash, type Hash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { truncate, unlink } from "node:fs/promises";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { DeepthinkError } from "../errors.js";
import { isNetworkError } from "./download-errors.js";
import { acquireDownloadLock } from "./download-lock.js";
import { fetchRange } from "./fetch-range.js";
import { PARTIAL_SUFFIX } from "./local-names.js";
import { finishDownload, interrupted, sizeOf } from "./verify-download.js";

export interface DownloadTarget {
  url: string;
  /** Final absolute path. */
  dest: string;
  /** Size from the Hub listing, when known. */
  expectedSize?: number;
  /** Hex sha256 from the Hub listing (the LFS oid), when known. */
  sha256?: string;
}

export interface FileProgress {
  /** Bytes of this file on disk so far (resumed prefix included). */
  done: number;
  total: number | undefined;
  /** Bytes that came over the network in this step (for speed). */
  transferred: number;
}

export interface DownloadFileOptions {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal?: AbortSignal;
  /** Whether the URL is on the Hub (for the wording of errors). */
  viaHub: boolean;
  tokenVariable?: string;
  onProgress?: (progress: FileProgress) => void;
  /** Automatic resumes after a connection drops mid-body (default 3). */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

async function hashPrefix(path: string, hash: Hash): Promise<void> {
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
}

/** One request's worth of downloading; `counter.received` tells the caller whether it made progress. */
async function attempt(
  target: DownloadTarget,
  options: DownloadFileOptions,
  partial: string,
  counter: { received: number },
): Promise<void> {
  const report = options.onProgress ?? (() => {});
  let offset = (await sizeOf(partial)) ?? 0;
  if (target.expectedSize != null && offset > target.expectedSize) {
    await truncate(partial, 0);
    offset = 0;
  }
  // Show where a resume starts before hashing its prefix, which takes a while for a big file.
  if (offset > 0) report({ done: offset, total: target.expectedSize, transferred: 0 });
  let hash = target.sha256 != null ? createHash("sha256") : undefined;
  if (hash != null && offset > 0) await hashPrefix(partial, hash);
  if (target.expectedSize != null && offset === target.expectedSize && offset > 0) {
    return finishDownload(target, partial, target.expectedSize, hash);
  }

  const answer = await fetchRange(target.url, offset, options);
  if (answer.kind === "complete") return finishDownload(target, partial, offset, hash);
  if (answer.start === 0 && offset > 0) {
    // The server sent the whole file: start over rather than append it to what we have.
    offset = 0;
    hash = target.sha256 != null ? createHash("sha256") : undefined;
  }
  const announced = answer.total;
  const total = target.expectedSize ?? announced;
  if (target.expectedSize != null && announced != null && announced !== target.expectedSize) {
    await answer.body.cancel().catch(() => undefined);
    await unlink(partial).catch(() => undefined);
    throw new DeepthinkError(
      "size_mismatch",
      `The server has ${announced} bytes for ${target.dest.split(/[/\\]/).pop()}, but the listing says ${target.expectedSize}.`,
      { hint: "the file changed upstream; run the same command again, or report it to the repo's owner" },
    );
  }

  let done = offset;
  report({ done, total, transferred: 0 });
  const body = Readable.fromWeb(answer.body as NodeReadableStream<Uint8Array>);
  const meter = async function* (chunks: AsyncIterable<Buffer>) {
    for await (const chunk of chunks) {
      hash?.update(chunk);
      done += chunk.length;
      counter.received += chunk.length;
      report({ done, total, transferred: chunk.length });
      yield chunk;
    }
  };
  const out = createWriteStream(partial, { flags: offset > 0 ? "a" : "w" });
  try {
    await pipeline(body, meter, out, { signal: options.signal });
  } catch (error) {
    // A write may still be in flight after pipeline gives up; the next attempt must see its bytes.
    if (!out.closed) await new Promise<void>((resolve) => out.once("close", () => resolve()));
    throw interrupted(target, error, done, total, options.viaHub);
  }
  await finishDownload(target, partial, total, hash);
}

/** Download `target`; resolves to the number of bytes that came over the network (0 when already there). */
export async function downloadFile(target: DownloadTarget, options: DownloadFileOptions): Promise<number> {
  const existing = await sizeOf(target.dest);
  if (existing != null && (target.expectedSize == null || existing === target.expectedSize)) {
    options.onProgress?.({ done: existing, total: existing, transferred: 0 });
    return 0;
  }
  const partial = target.dest + PARTIAL_SUFFIX;
  const release = await acquireDownloadLock(target.dest);
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  try {
    let received = 0;
    for (let retry = 0; ; retry++) {
      const counter = { received: 0 };
      try {
        await attempt(target, options, partial, counter);
        return received + counter.received;
      } catch (error) {
        received += counter.received;
        // Resume on its own after a dropped connection, as long as each try makes progress.
        const dropped =
          error instanceof DeepthinkError && error.code === "download_failed" && isNetworkError(error.cause);
        if (!dropped || counter.received === 0 || retry >= (options.retries ?? 3)) throw error;
        await sleep(1000 * 2 ** retry);
      }
    }
  } finally {
    await release();
  }
}
