/**
 * One HTTP call to a search provider's API and its JSON validated with zod: the single place the search
 * adapters parse JSON they did not write. Failures become DeepthinkErrors that name the provider and say
 * what to check (the URL, the key, the rate limit). The provider's API is the operator's own choice, so
 * it is called with the ordinary fetch (a SearXNG on localhost is normal); `safeFetch` is for pages.
 */
import type { z } from "zod";
import { DeepthinkError } from "../errors.js";

export interface ProviderRequest<T> {
  provider: string;
  url: string;
  init: RequestInit;
  schema: z.ZodType<T>;
  fetch: typeof fetch;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Hint per status (e.g. SearXNG's 403 means JSON output is off). */
  hints?: Readonly<Record<number, string>>;
}

const MAX_BODY_CHARS = 8 * 1024 * 1024;

export async function requestProviderJson<T>(request: ProviderRequest<T>): Promise<T> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal != null ? AbortSignal.any([request.signal, timeout]) : timeout;
  const where = `${request.provider} (${new URL(request.url).origin})`;
  let response: Response;
  let body: string;
  try {
    response = await request.fetch(request.url, { ...request.init, signal, redirect: "error" });
    body = await response.text();
  } catch (error) {
    if (request.signal?.aborted === true) {
      throw new DeepthinkError("aborted", "The search was aborted.", { cause: error });
    }
    const message = timeout.aborted
      ? `did not answer within ${request.timeoutMs} ms`
      : `is unreachable (${error instanceof Error ? error.message : String(error)})`;
    throw new DeepthinkError("network_unavailable", `Search provider ${where} ${message}.`, { cause: error });
  }
  if (!response.ok) throw statusError(request, where, response, body);
  if (body.length > MAX_BODY_CHARS) {
    throw new DeepthinkError("internal", `Search provider ${where} returned an oversized response.`);
  }
  let json: unknown;
  try {
    json = JSON.parse(body) as unknown;
  } catch {
    throw new DeepthinkError("internal", `Search provider ${where} did not return JSON (${snippet(body)}).`);
  }
  const parsed = request.schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    throw new DeepthinkError(
      "internal",
      `Search provider ${where} returned an unexpected response: ${path === "" ? "" : `${path}: `}${issue?.message ?? "invalid"}.`,
    );
  }
  return parsed.data;
}

function statusError(request: ProviderRequest<unknown>, where: string, response: Response, body: string) {
  const status = response.status;
  const hint = request.hints?.[status];
  const text = `Search provider ${where} answered HTTP ${status}${body.trim() === "" ? "" : `: ${snippet(body)}`}.`;
  if (status === 401 || status === 403) return new DeepthinkError("unauthorized", text, { hint });
  if (status === 429) {
    const retry = Number(response.headers.get("retry-after"));
    return new DeepthinkError("network_unavailable", text, {
      hint: hint ?? "the provider's rate limit: wait, or lower the search rate",
      retryAfterSeconds: Number.isFinite(retry) && retry > 0 ? retry : undefined,
    });
  }
  return new DeepthinkError("network_unavailable", text, { hint });
}

function snippet(text: string): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > 200 ? `${one.slice(0, 200)}…` : one;
}
