/**
 * SearXNG, the self-hosted metasearch engine: `GET /search?q=…&format=json`. The instance must list
 * `json` in `search.formats` of its settings.yml (the default is HTML only, and the answer is then 403).
 */
import { z } from "zod";
import { isoDate, isWebUrl, plainText, titleOr, withDate } from "./plain-text.js";
import { requestProviderJson } from "./provider-http.js";
import type { HttpProviderOptions, SearchOptions, SearchProvider, SearchResult } from "./types.js";

export interface SearxngOptions extends HttpProviderOptions {
  /** The instance, e.g. `http://localhost:8888` (a path prefix is kept: `https://host/searx`). */
  baseUrl: string;
  /** Comma-joined into `categories` / `engines`; unset: the instance's defaults. */
  categories?: readonly string[];
  engines?: readonly string[];
  /** e.g. `en`, `zh-CN`; unset: the instance's default. */
  language?: string;
  safesearch?: 0 | 1 | 2;
}

const searxngResult = z.looseObject({
  url: z.string(),
  title: z.string().nullish(),
  content: z.string().nullish(),
  publishedDate: z.string().nullish(),
  score: z.number().nullish(),
});

// Results are checked one by one: one odd entry (an image result without a title) must not fail the rest.
const searxngResponse = z.looseObject({ query: z.unknown().optional(), results: z.array(z.unknown()) });

export function createSearxngProvider(options: SearxngOptions): SearchProvider {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  return {
    name: "searxng",
    async search(query: string, { count, signal }: SearchOptions): Promise<SearchResult[]> {
      const url = new URL("search", base);
      url.searchParams.set("q", query);
      url.searchParams.set("format", "json");
      if (options.categories != null) url.searchParams.set("categories", options.categories.join(","));
      if (options.engines != null) url.searchParams.set("engines", options.engines.join(","));
      if (options.language != null) url.searchParams.set("language", options.language);
      if (options.safesearch != null) url.searchParams.set("safesearch", String(options.safesearch));
      const body = await requestProviderJson({
        provider: "SearXNG",
        url: url.href,
        init: { headers: { accept: "application/json" } },
        schema: searxngResponse,
        fetch: fetchImpl,
        timeoutMs: options.timeoutMs ?? 10_000,
        signal,
        hints: {
          403: "enable JSON output on the instance: add `json` to search.formats in its settings.yml",
          429: "the instance's bot limiter refused the request: set server.limiter to false for a private instance",
        },
      });
      const results: SearchResult[] = [];
      for (const raw of body.results) {
        const parsed = searxngResult.safeParse(raw);
        if (!parsed.success || !isWebUrl(parsed.data.url)) continue;
        const { url: link, title, content, publishedDate } = parsed.data;
        results.push({
          title: titleOr(title, link),
          url: link,
          snippet: plainText(content ?? ""),
          ...withDate(isoDate(publishedDate)),
          source: "searxng",
        });
      }
      // SearXNG already sorts by its merged score; keep its order.
      return results.slice(0, count);
    },
  };
}
