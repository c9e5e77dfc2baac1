/**
 * Hugging Face settings from the environment, read once: the endpoint (`HF_ENDPOINT`, for mirrors and
 * for tests that point it at a local server) and the access token for gated or private repos
 * (`HF_TOKEN`, or the older `HUGGING_FACE_HUB_TOKEN`).
 */
import { z } from "zod";
import { DeepthinkError } from "../errors.js";
import type { Env } from "./home.js";

export const DEFAULT_HF_ENDPOINT = "https://huggingface.co";

export interface HubConfig {
  /** Base URL without a trailing slash, e.g. `https://huggingface.co`. */
  endpoint: string;
  /** Sent as `Authorization: Bearer <token>` to the endpoint's host only. */
  token: string | undefined;
  /** The variable the token came from, to name it in error messages. */
  tokenVariable: "HF_TOKEN" | "HUGGING_FACE_HUB_TOKEN" | undefined;
}

const optional = z
  .string()
  .optional()
  .transform((value) => (value == null || value.trim() === "" ? undefined : value.trim()));

const HubEnvSchema = z.object({
  HF_ENDPOINT: optional.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  HF_TOKEN: optional,
  HUGGING_FACE_HUB_TOKEN: optional,
});

export function loadHubConfig(env: Env): HubConfig {
  const parsed = HubEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new DeepthinkError("invalid_argument", `HF_ENDPOINT is not an http(s) URL: ${env.HF_ENDPOINT}`, {
      param: "HF_ENDPOINT",
      hint: "set HF_ENDPOINT to https://huggingface.co or a mirror's URL, or unset it",
    });
  }
  const { HF_ENDPOINT, HF_TOKEN, HUGGING_FACE_HUB_TOKEN } = parsed.data;
  const endpoint = (HF_ENDPOINT ?? DEFAULT_HF_ENDPOINT).replace(/\/+$/, "");
  if (HF_TOKEN != null) return { endpoint, token: HF_TOKEN, tokenVariable: "HF_TOKEN" };
  if (HUGGING_FACE_HUB_TOKEN != null) {
    return { endpoint, token: HUGGING_FACE_HUB_TOKEN, tokenVariable: "HUGGING_FACE_HUB_TOKEN" };
  }
  return { endpoint, token: undefined, tokenVariable: undefined };
}

/** Headers for a request to `url`: the token only goes to the Hub's own host, never elsewhere. */
export function hubHeaders(config: HubConfig, url: string): Record<string, string> {
  const headers: Record<string, string> = { "user-agent": "deepthink" };
  if (config.token != null && new URL(url).host === new URL(config.endpoint).host) {
    headers.authorization = `Bearer ${config.token}`;
  }
  return headers;
}
