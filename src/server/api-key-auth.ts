/**
 * API keys as Bearer tokens. Keys and the presented token are compared as SHA-256 digests with
 * timingSafeEqual, against every key without stopping early, so neither a key's length nor its prefix
 * leaks through response timing.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { DeepthinkError } from "../errors.js";
import type { AppEnv } from "./app-env.js";

/** Paths a load balancer or a person must reach without a key. */
const PUBLIC_PATHS = new Set(["/health"]);
/** Where data lives: everything else is the chat app's static page, which asks for the key itself. */
const PROTECTED_PREFIXES = ["/v1", "/beta", "/api", "/models", "/metrics", "/chat"];

function isPublic(method: string, path: string): boolean {
  if (PUBLIC_PATHS.has(path)) return true;
  const data = PROTECTED_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  return !data && (method === "GET" || method === "HEAD");
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

export function apiKeyAuth(keys: readonly string[]): MiddlewareHandler<AppEnv> {
  const digests = keys.map(digest);
  return async (c, next) => {
    if (digests.length === 0 || isPublic(c.req.method, c.req.path)) return next();
    const token = bearerToken(c.req.header("authorization")) ?? c.req.header("x-api-key");
    if (token == null || token === "") {
      throw new DeepthinkError(
        "unauthorized",
        "This server needs an API key: send it as 'Authorization: Bearer <key>'.",
      );
    }
    const presented = digest(token);
    let match = false;
    for (const key of digests) match = timingSafeEqual(presented, key) || match;
    if (!match) throw new DeepthinkError("unauthorized", "The API key is not valid for this server.");
    return next();
  };
}

function bearerToken(header: string | undefined): string | undefined {
  if (header == null) return undefined;
  const match = /^Bearer\s+(.+)$/i.exec(header.trim());
  return match?.[1]?.trim();
}

/** Keys from `--api-key` and `DEEPTHINK_API_KEYS` (comma-separated), blanks dropped. */
export function collectApiKeys(flags: readonly string[], env: string | undefined): string[] {
  const fromEnv = (env ?? "").split(",");
  return [...new Set([...flags, ...fromEnv].map((k) => k.trim()).filter((k) => k !== ""))];
}
