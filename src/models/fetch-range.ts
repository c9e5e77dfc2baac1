/**
 * One GET for the bytes of a file from `offset` on, normalised to what the downloader needs to know:
 * where the body starts (`offset`, or 0 when the server ignored the Range header) and the file's total
 * size, or that the file is already complete (416 with the total equal to `offset`).
 */
import { DeepthinkError } from "../errors.js";
import { isAbortError, isNetworkError, statusError, unreachable } from "./download-errors.js";

export type RangeAnswer =
  | { kind: "body"; start: number; total: number | undefined; body: ReadableStream<Uint8Array> }
  | { kind: "complete" };

export interface FetchRangeOptions {
  fetch: typeof fetch;
  headers: Record<string, string>;
  signal?: AbortSignal;
  viaHub: boolean;
  tokenVariable?: string;
}

const CONTENT_RANGE = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i;

function parseContentRange(value: string | null): { start?: number; total?: number } {
  const match = value == null ? null : CONTENT_RANGE.exec(value.trim());
  if (match == null) return {};
  return {
    start: match[1] != null ? Number(match[1]) : undefined,
    total: match[3] != null && match[3] !== "*" ? Number(match[3]) : undefined,
  };
}

function contentLength(response: Response): number | undefined {
  const encoding = response.headers.get("content-encoding");
  if (encoding != null && encoding !== "identity") return undefined;
  const value = response.headers.get("content-length");
  return value != null && /^\d+$/.test(value) ? Number(value) : undefined;
}

export async function fetchRange(
  url: string,
  offset: number,
  options: FetchRangeOptions,
): Promise<RangeAnswer> {
  // identity: a compressed body has no byte offsets to resume from.
  const headers: Record<string, string> = { ...options.headers, "accept-encoding": "identity" };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  let response: Response;
  try {
    response = await options.fetch(url, { headers, signal: options.signal, redirect: "follow" });
  } catch (error) {
    if (isAbortError(error)) {
      throw new DeepthinkError("aborted", "The download was stopped before it started.", { cause: error });
    }
    if (isNetworkError(error)) throw unreachable(url, error, options.viaHub);
    throw error;
  }
  const body = response.body;
  if (response.ok && /^text\/html/i.test(response.headers.get("content-type") ?? "")) {
    await body?.cancel().catch(() => undefined);
    throw new DeepthinkError("invalid_model_file", `${url} answered with a web page, not a GGUF file.`, {
      param: "model",
      hint: "use the file's download link (…/resolve/main/<file>.gguf) or an hf:user/repo:QUANT ref",
    });
  }
  if (response.status === 206 && body != null) {
    const range = parseContentRange(response.headers.get("content-range"));
    if (range.start === offset) return { kind: "body", start: offset, total: range.total, body };
    // A range we did not ask for: not worth stitching; fetch the whole file instead.
    await body.cancel().catch(() => undefined);
    return fetchRange(url, 0, options);
  }
  if (response.status === 200 && body != null) {
    return { kind: "body", start: 0, total: contentLength(response), body };
  }
  await body?.cancel().catch(() => undefined);
  if (response.status === 416 && offset > 0) {
    const { total } = parseContentRange(response.headers.get("content-range"));
    if (total === offset) return { kind: "complete" };
    return fetchRange(url, 0, options);
  }
  throw statusError(response.status, {
    what: url,
    viaHub: options.viaHub,
    tokenVariable: options.tokenVariable,
  });
}
