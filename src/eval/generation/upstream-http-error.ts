/**
 * An endpoint's HTTP error → a typed error the runner knows what to do with: 429 and 5xx are worth a
 * retry (with the server's Retry-After), a prompt that does not fit skips that sample, and the rest
 * (bad key, unknown model, a request the server refuses) stop the run, since every request would fail.
 */
import { DeepthinkError } from "../../errors.js";
import { parseJson } from "../json-text.js";

export async function upstreamHttpError(url: string, response: Response): Promise<DeepthinkError> {
  const text = await response.text().catch(() => "");
  const message = errorMessage(text) ?? `HTTP ${response.status}`;
  const where = new URL(url).origin;
  const retryAfter = Number(response.headers.get("retry-after"));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  const status = response.status;
  if (status === 429 || status === 408 || status >= 500) {
    return new DeepthinkError(
      status === 429 ? "queue_full" : "model_unavailable",
      `${where}: ${message} (HTTP ${status})`,
      {
        ...(retryAfterSeconds != null ? { retryAfterSeconds } : {}),
      },
    );
  }
  if (status === 401 || status === 403) {
    return new DeepthinkError("unauthorized", `${where} refused the API key: ${message}`, {
      hint: "pass --api-key, or set OPENAI_API_KEY",
    });
  }
  if (status === 404) {
    return new DeepthinkError("model_not_found", `${where}: ${message} (HTTP 404)`, {
      hint: "check --endpoint (the base URL, e.g. http://localhost:8000/v1) and --model-name",
    });
  }
  if (/context length|context_length|maximum context|too long/i.test(message)) {
    return new DeepthinkError("context_length_exceeded", `${where}: ${message}`);
  }
  return new DeepthinkError("invalid_request", `${where} rejected the request: ${message} (HTTP ${status})`);
}

function errorMessage(text: string): string | undefined {
  const parsed = parseJson(text);
  if (parsed.ok && parsed.value != null && typeof parsed.value === "object") {
    const body = parsed.value as {
      error?: { message?: unknown } | string;
      message?: unknown;
      detail?: unknown;
    };
    if (typeof body.error === "string") return body.error;
    if (typeof body.error?.message === "string") return body.error.message;
    if (typeof body.message === "string") return body.message;
    if (typeof body.detail === "string") return body.detail;
  }
  const trimmed = text.trim();
  return trimmed !== "" ? trimmed.slice(0, 300) : undefined;
}
