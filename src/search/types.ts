/** Web search, normalised: every provider returns the same `SearchResult`s. */

export type SearchSource = "searxng" | "brave" | "tavily" | "local";

export interface SearchResult {
  title: string;
  /** http(s) for the web providers, `file://` for the local index. */
  url: string;
  /** The provider's short excerpt, plain text (HTML removed). */
  snippet: string;
  /** ISO 8601 when the provider knows it. */
  publishedDate?: string;
  source: SearchSource;
  /** Longer text the provider already has (Tavily's raw content, the local index's passage): no fetch needed. */
  content?: string;
}

export interface SearchOptions {
  /** How many results at most. */
  count: number;
  signal?: AbortSignal;
}

export interface SearchProvider {
  readonly name: SearchSource;
  search(query: string, options: SearchOptions): Promise<SearchResult[]>;
}

/** Effects and limits every HTTP provider takes. */
export interface HttpProviderOptions {
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per request, default 10 s. */
  timeoutMs?: number;
}
