/**
 * Tavily: `POST /search` with a JSON body and the key as a bearer token (Tavily's current scheme; the
 * legacy `api_key` body field is not sent, so the key never sits in a logged body).
 */
import { z } from "zod";
import { isoDate, isWebUrl, plainText, titleOr, withDate } from "./plain-text.js";
import { requestProviderJson } from "./provider-http.js";
import type { HttpProviderOptions, SearchOptions, SearchProvider, SearchResult } from "./types.js";

export interface TavilyOptions extends HttpProviderOptions {
  apiKey: string;
  /** Default `https://api.tavily.com`; tests point it at a local server. */
  baseUrl?: string;
  searchDepth?: "basic" | "advanced";
  topic?: "general" | "news";
}

const tavilyResult = z.looseObject({
  title: z.string().nullish(),
  url: z.string(),
  content: z.string().nullish(),
  score: z.number().nullish(),
  raw_content: z.string().nullish(),
  published_date: z.string().nullish(),
});

const tavilyResponse = z.looseObject({ query: z.string().optional(), results: z.array(z.unknown()) });

const MAX_COUNT = 20;

export function createTavilyProvider(options: TavilyOptions): SearchProvider {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const base = options.baseUrl ?? "https://api.tavily.com";
  return {
    name: "tavily",
    async search(query: string, { count, signal }: SearchOptions): Promise<SearchResult[]> {
      const body = await requestProviderJson({
        provider: "Tavily",
        url: new URL("/search", base).href,
        init: {
          method: "POST",
          headers: {
            accept: "application/json",
            "content-type": "application/json",
            authorization: `Bearer ${options.apiKey}`,
          },
          body: JSON.stringify({
            query,
            max_results: Math.min(Math.max(count, 1), MAX_COUNT),
            search_depth: options.searchDepth ?? "basic",
            topic: options.topic ?? "general",
            include_answer: false,
            include_raw_content: false,
            include_images: false,
          }),
        },
        schema: tavilyResponse,
        fetch: fetchImpl,
        timeoutMs: options.timeoutMs ?? 15_000,
        signal,
        hints: { 401: "check TAVILY_API_KEY", 432: "the Tavily plan's limit is reached" },
      });
      const results: SearchResult[] = [];
      for (const raw of body.results) {
        const parsed = tavilyResult.safeParse(raw);
        if (!parsed.success || !isWebUrl(parsed.data.url)) continue;
        const item = parsed.data;
        const raw_content = item.raw_content?.trim();
        results.push({
          title: titleOr(item.title, item.url),
          url: item.url,
          snippet: plainText(item.content ?? ""),
          ...withDate(isoDate(item.published_date)),
          ...(raw_content != null && raw_content !== "" ? { content: raw_content } : {}),
          source: "tavily",
        });
      }
      return results.slice(0, count);
    },
  };
}
