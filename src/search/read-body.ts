/**
 * A response body, decompressed and capped: at most `maxBytes` of decoded content are kept (a small
 * gzip can expand to gigabytes, so the cap applies after decompression) and the connection is closed
 * as soon as the cap is reached.
 */
import type { IncomingMessage } from "node:http";
import type { Readable } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";

export interface Body {
  bytes: Uint8Array;
  /** The content went on past `maxBytes`; the rest was not read. */
  truncated: boolean;
}

/** The media type (lowercase, no parameters) and the charset parameter of a Content-Type header. */
export function parseContentType(header: string | undefined): { mediaType: string; charset?: string } {
  const [type = "", ...params] = (header ?? "").split(";");
  const charset = params
    .map((p) => p.trim().match(/^charset\s*=\s*"?([^";\s]+)"?$/i)?.[1])
    .find((c) => c != null);
  return { mediaType: type.trim().toLowerCase(), ...(charset != null ? { charset } : {}) };
}

/** Text the model can read: text/* (not event streams), JSON, XML, XHTML and their `+json`/`+xml` kin. */
export function isTextType(mediaType: string): boolean {
  if (mediaType === "text/event-stream") return false;
  if (mediaType.startsWith("text/")) return true;
  if (mediaType.endsWith("+json") || mediaType.endsWith("+xml")) return true;
  return ["application/json", "application/xml", "application/xhtml+xml", "application/javascript"].includes(
    mediaType,
  );
}

function decoded(response: IncomingMessage): Readable | null {
  const encoding = (response.headers["content-encoding"] ?? "identity").trim().toLowerCase();
  if (encoding === "identity" || encoding === "") return response;
  if (encoding === "gzip" || encoding === "x-gzip") return response.pipe(createGunzip());
  if (encoding === "deflate") return response.pipe(createInflate());
  if (encoding === "br") return response.pipe(createBrotliDecompress());
  return null;
}

/** Null when the content encoding is one we did not ask for. */
export async function readBody(response: IncomingMessage, maxBytes: number): Promise<Body | null> {
  const stream = decoded(response);
  if (stream == null) {
    response.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      const room = maxBytes - size;
      if (buffer.length >= room) {
        chunks.push(buffer.subarray(0, room));
        size += room;
        // Exactly at the cap with nothing more to come is not a truncation; we cannot know without
        // reading on, so anything reaching the cap counts as cut.
        truncated = true;
        break;
      }
      chunks.push(buffer);
      size += buffer.length;
    }
  } finally {
    if (stream !== response) stream.destroy();
    response.destroy();
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks, size)), truncated };
}

/** `<meta charset>` or the http-equiv form, in the first 2 KiB, for HTML served without a charset. */
export function sniffHtmlCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return head.match(/<meta[^>]+charset\s*=\s*["']?([\w-]+)/i)?.[1];
}
