/**
 * A question's web search, ready for the README's template: search, drop duplicate URLs, read the top
 * pages (through `safeFetch`, readable text), fit everything into the token budget, number the sources
 * from 1. The result goes to `renderSearchPrompt` as it is, and its sources to the API's `sources`.
 */
import { DeepthinkError } from "../errors.js";
import { fitBlocks } from "../files/fit-blocks.js";
import type { CountTokens } from "../files/token-budget.js";
import { renderSearchResult, renderSearchResults } from "../protocol/search-template.js";
import { isWebUrl } from "./plain-text.js";
import { readPage } from "./read-page.js";
import type { SafeFetchOptions } from "./safe-fetch.js";
import type { SearchProvider, SearchResult } from "./types.js";

export interface SearchAndReadOptions {
  provider: SearchProvider;
  /** Results wanted (default 8). */
  count?: number;
  /** How many of the first results to fetch and read (default 3; 0 = snippets only). */
  readTop?: number;
  /** Tokens every `[webpage]` block together may take in the prompt. */
  budgetTokens: number;
  countTokens: CountTokens;
  /** For every page fetch: allow-list, size, time, injected DNS and transport. */
  fetch?: Omit<SafeFetchOptions, "signal">;
  signal?: AbortSignal;
}

export interface NumberedSource extends SearchResult {
  /** The citation number: `[citation:index]`. */
  index: number;
  /** The page was fetched and its readable text is `content`. */
  read: boolean;
  /** Why reading failed (the snippet stands in). */
  readError?: string;
  /** `content` (or the snippet) was cut to fit the budget, with the notice. */
  truncated: boolean;
}

export interface SearchAndReadResult {
  query: string;
  sources: NumberedSource[];
  /** Results left out because not even their title and URL fitted the budget. */
  dropped: number;
}

/** Same page, different spelling: no fragment, no trailing slash, lowercase scheme and host. */
function urlKey(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.hash = "";
    return parsed.href.replace(/\/$/, "");
  } catch {
    return url;
  }
}

function dedupe(results: readonly SearchResult[]): SearchResult[] {
  const seen = new Set<string>();
  return results.filter((result) => {
    const key = urlKey(result.url);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function readSources(
  results: SearchResult[],
  options: SearchAndReadOptions,
): Promise<NumberedSource[]> {
  const readTop = options.readTop ?? 3;
  return Promise.all(
    results.map(async (result, i): Promise<NumberedSource> => {
      const base = { ...result, index: i + 1, read: false, truncated: false };
      if (i >= readTop || result.content != null || !isWebUrl(result.url)) return base;
      try {
        const page = await readPage(result.url, { ...options.fetch, signal: options.signal });
        return page.text === "" ? base : { ...base, content: page.text, read: true };
      } catch (error) {
        if (options.signal?.aborted === true) throw error;
        return { ...base, readError: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
}

/** Fit the sources' texts into the budget, dropping whole sources from the end if even that is needed. */
function fitSources(sources: NumberedSource[], options: SearchAndReadOptions): NumberedSource[] {
  const { countTokens, budgetTokens } = options;
  for (let keep = sources.length; keep > 0; keep--) {
    const kept = sources.slice(0, keep);
    const withTexts = (texts: readonly string[]) => kept.map((s, i) => ({ ...s, content: texts[i] ?? "" }));
    const fitted = fitBlocks({
      texts: kept.map((s) => s.content ?? s.snippet),
      overheads: kept.map((s) =>
        countTokens(renderSearchResult({ ...s, content: "", snippet: "" }, s.index)),
      ),
      budget: budgetTokens,
      countTokens,
      measure: (texts) => countTokens(renderSearchResults(withTexts(texts))),
    });
    if (fitted == null) continue;
    const cut = new Set(fitted.cuts.map((c) => c.index));
    // A cut text goes to `content` (what the prompt shows), so `snippet` stays the provider's for the API.
    return kept.map((s, i) => (cut.has(i) ? { ...s, content: fitted.texts[i] ?? "", truncated: true } : s));
  }
  return [];
}

export async function searchAndRead(
  query: string,
  options: SearchAndReadOptions,
): Promise<SearchAndReadResult> {
  const count = options.count ?? 8;
  const found = await options.provider.search(query, { count, signal: options.signal });
  const results = dedupe(found).slice(0, count);
  const read = await readSources(results, options);
  options.signal?.throwIfAborted();
  const sources = fitSources(read, options);
  if (sources.length === 0 && read.length > 0) {
    throw new DeepthinkError("context_length_exceeded", "No room in the context for any search result.", {
      hint: "give the model a larger context (--ctx), or shorten the question",
    });
  }
  return { query, sources, dropped: read.length - sources.length };
}

/** The API's `sources` field: what the answer's `[citation:X]` markers point at. */
export function toApiSources(
  sources: readonly NumberedSource[],
): Array<{ index: number; title: string; url: string; snippet: string }> {
  return sources.map(({ index, title, url, snippet }) => ({ index, title, url, snippet }));
}
