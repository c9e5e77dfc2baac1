/**
 * Brave Search API: `GET /res/v1/web/search` with the key in `X-Subscription-Token`. Web results only;
 * their `description` marks query terms with `<strong>`, removed here.
 */
import { z } from "zod";
import { isoDate, isWebUrl, plainText, titleOr, withDate } from "./plain-text.js";
import { requestProviderJson } from "./provider-http.js";
import type { HttpProviderOptions, SearchOptions, SearchProvider, SearchResult } from "./types.js";

export interface BraveOptions extends HttpProviderOptions {
  apiKey: string;
  /** Default `https://api.search.brave.com`; tests point it at a local server. */
  baseUrl?: string;
  /** Two-letter country code (`us`, `cn`); unset: Brave's default. */
  country?: string;
  safesearch?: "off" | "moderate" | "strict";
}

const braveResult = z.looseObject({
  title: z.string(),
  url: z.string(),
  description: z.string().nullish(),
  page_age: z.string().nullish(),
  extra_snippets: z.array(z.string()).nullish(),
});

const braveResponse = z.looseObject({
  type: z.string().optional(),
  web: z.looseObject({ results: z.array(z.unknown()) }).nullish(),
});

// Brave's documented limits.
const MAX_COUNT = 20;
const MAX_QUERY_CHARS = 400;

export function createBraveProvider(options: BraveOptions): SearchProvider {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl ?? "https://api.search.brave.com";
  return {
    name: "brave",
    async search(query: string, { count, signal }: SearchOptions): Promise<SearchResult[]> {
      const url = new URL("/res/v1/web/search", base);
      url.searchParams.set("q", [...query].slice(0, MAX_QUERY_CHARS).join(""));
      url.searchParams.set("count", String(Math.min(Math.max(count, 1), MAX_COUNT)));
      if (options.country != null) url.searchParams.set("country", options.country);
      if (options.safesearch != null) url.searchParams.set("safesearch", options.safesearch);
      const body = await requestProviderJson({
        provider: "Brave Search",
        url: url.href,
        init: { headers: { accept: "application/json", "x-subscription-token": options.apiKey } },
        schema: braveResponse,
        fetch: fetchImpl,
        timeoutMs: options.timeoutMs ?? 10_000,
        signal,
        hints: {
          401: "check BRAVE_API_KEY",
          403: "check BRAVE_API_KEY and its plan",
          422: "check BRAVE_API_KEY",
        },
      });
      const results: SearchResult[] = [];
      for (const raw of body.web?.results ?? []) {
        const parsed = braveResult.safeParse(raw);
        if (!parsed.success || !isWebUrl(parsed.data.url)) continue;
        const item = parsed.data;
        results.push({
          title: titleOr(item.title, item.url),
          url: item.url,
          snippet: plainText(item.description ?? ""),
          ...withDate(isoDate(item.page_age)),
          source: "brave",
        });
      }
      return results.slice(0, count);
    },
  };
}
