/**
 * The one helper that turns untrusted request bytes into a JSON value: a size limit, strict UTF-8 and
 * JSON.parse, each failure a clear 4xx rather than a stack trace.
 */
import { DeepthinkError } from "../errors.js";
import { HttpProblem, plainHttpError } from "./http-errors.js";

/**
 * How much of an oversized body we read (and drop) before answering 413. Answering before the client has
 * finished sending makes many clients see a reset socket instead of the 413; past this cap we stop caring.
 */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const bytes = await readLimited(request, maxBytes);
  if (bytes.byteLength === 0) {
    throw new DeepthinkError("invalid_request", "The request body is empty; send a JSON object.");
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DeepthinkError("invalid_request", "The request body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const detail = error instanceof SyntaxError ? `: ${error.message}` : "";
    throw new DeepthinkError("invalid_request", `The request body is not valid JSON${detail}.`);
  }
}

async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  // The common case: a declared length within the limit (the HTTP parser delivers no more than declared).
  // arrayBuffer() then reads the socket directly, without building a web stream for the body.
  if (Number.isInteger(declared) && declared >= 0 && declared <= maxBytes) {
    return new Uint8Array(await request.arrayBuffer());
  }
  const body = request.body;
  if (body == null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = declared > maxBytes;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) over = true;
      if (over) {
        if (size > DRAIN_CAP_BYTES) break;
        continue;
      }
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  if (over) {
    await body.cancel().catch(() => {});
    throw new HttpProblem(
      plainHttpError(
        413,
        `The request body is larger than the server's limit of ${maxBytes} bytes.`,
        "body_too_large",
      ),
    );
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
