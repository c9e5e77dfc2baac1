/**
 * Serves the built web app: files under the web root, and `index.html` for any other page path (the app
 * routes on the client: `/c/<id>`). API prefixes never fall back to the page, so a mistyped API path
 * still answers with a JSON 404. The page goes out with a strict Content-Security-Policy: no inline or
 * foreign script can run and no outside image can load, whatever a model's answer contains.
 */
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Context, Hono } from "hono";
import { getMimeType } from "hono/utils/mime";
import type { AppEnv } from "../app-env.js";

const API_PREFIXES = ["/api/", "/v1/", "/beta/"];

export const PAGE_HEADERS = {
  "Content-Security-Policy": [
    "default-src 'self'",
    "script-src 'self'",
    // KaTeX positions glyphs with inline styles.
    "style-src 'self' 'unsafe-inline'",
    // Images only from here: an answer cannot leak the conversation through an image URL.
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; "),
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cache-Control": "no-cache",
};

/**
 * Where `npm run build:web` puts the app: `dist/web` at the package root, found from this file whether it
 * runs from `src/` (tsx) or `dist/` (built). Undefined when the app has not been built.
 */
export function findWebRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, "../../../dist/web"), resolve(here, "../../web")];
  return candidates.find((dir) => existsSync(join(dir, "index.html")));
}

export function staticAppRoutes(app: Hono<AppEnv>, webRoot: string | undefined): void {
  app.get("*", async (c, next) => {
    const path = c.req.path;
    if (API_PREFIXES.some((prefix) => path.startsWith(prefix)) || path === "/api") return next();
    if (webRoot == null) return notBuilt(c);
    const file = await fileUnder(webRoot, path);
    if (file != null) {
      const immutable = path.startsWith("/assets/");
      return c.body(new Uint8Array(await readFile(file)), 200, {
        "Content-Type": getMimeType(file) ?? "application/octet-stream",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
        ...(file.endsWith(".html") ? PAGE_HEADERS : {}),
      });
    }
    // A missing asset is a 404; any other path is a page of the app.
    if (path.startsWith("/assets/") || /\.[a-z0-9]+$/i.test(path)) return next();
    return c.body(await readFile(join(webRoot, "index.html"), "utf8"), 200, {
      "Content-Type": "text/html; charset=utf-8",
      ...PAGE_HEADERS,
    });
  });
}

/** The file for a URL path inside `root`, or undefined (never a path outside it, never a directory). */
async function fileUnder(root: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes("\0")) return undefined;
  const full = resolve(root, `.${decoded}`);
  const rel = relative(root, full);
  if (rel === "" || rel.startsWith("..") || rel.split(sep).includes("..")) return undefined;
  const info = await stat(full).catch(() => undefined);
  return info?.isFile() === true ? full : undefined;
}

function notBuilt(c: Context<AppEnv>): Response {
  return c.html(
    `<!doctype html><meta charset="utf-8"><title>deepthink</title>
<h1>The web app is not built</h1>
<p>Run <code>npm run build:web</code> (or <code>npm run build</code>) in the deepthink package, then reload.
The API is up: <a href="/health">/health</a>, <code>/v1/chat/completions</code>.</p>`,
    503,
  );
}
