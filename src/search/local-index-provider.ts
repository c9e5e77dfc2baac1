/**
 * The offline provider: the local FTS5 index built by `deepthink index`, searched like the web. Each
 * result is a document's best passage (BM25), so one long file cannot take every place; its URL is the
 * file's `file://` URL and its passage is the `content` the model reads (no fetch).
 */
import { pathToFileURL } from "node:url";
import type { SearchIndexStore } from "../store/search-index-store.js";
import { buildFtsQuery, queryTerms, snippetAround } from "./fts-query.js";
import type { SearchOptions, SearchProvider, SearchResult } from "./types.js";

// Enough candidate passages that `count` distinct documents usually survive the one-per-document rule.
const CANDIDATES_PER_RESULT = 8;

export function createLocalIndexProvider(store: SearchIndexStore): SearchProvider {
  return {
    name: "local",
    async search(query: string, { count, signal }: SearchOptions): Promise<SearchResult[]> {
      signal?.throwIfAborted();
      const fts = buildFtsQuery(query);
      if (fts == null || count <= 0) return [];
      const terms = queryTerms(query);
      const seen = new Set<string>();
      const results: SearchResult[] = [];
      for (const hit of store.search(fts, count * CANDIDATES_PER_RESULT)) {
        if (seen.has(hit.path)) continue;
        seen.add(hit.path);
        results.push({
          title: hit.title,
          url: pathToFileURL(hit.path).href,
          snippet: snippetAround(hit.text, terms),
          content: hit.text,
          source: "local",
        });
        if (results.length >= count) break;
      }
      return results;
    },
  };
}
