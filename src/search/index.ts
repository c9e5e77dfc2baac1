/** Web search and the local index: providers, safe page fetching, numbered sources for the template. */
export { type AddressPolicy, type AddressVerdict, createAddressPolicy } from "./address-policy.js";
export { type AugmentedQuestion, type AugmentQuestionInput, augmentQuestion } from "./augment-question.js";
export { type BraveOptions, createBraveProvider } from "./brave-provider.js";
export { chunkText } from "./chunk-text.js";
export { type FetchRefusal, FetchRefusedError } from "./fetch-refused.js";
export { buildFtsQuery, segmentForIndex } from "./fts-query.js";
export {
  type IndexFolderOptions,
  type IndexProgress,
  type IndexSummary,
  indexFolder,
} from "./index-folder.js";
export { createLocalIndexProvider } from "./local-index-provider.js";
export { type OpenRequest, openPinnedRequest, type PinnedTarget } from "./pinned-request.js";
export { type ReadPage, readPage } from "./read-page.js";
export {
  type LookupAll,
  type SafeFetchOptions,
  type SafeFetchResult,
  safeFetch,
  systemLookup,
} from "./safe-fetch.js";
export {
  type NumberedSource,
  type SearchAndReadOptions,
  type SearchAndReadResult,
  searchAndRead,
  toApiSources,
} from "./search-and-read.js";
export { type SearchConfig, type SearchConfigDeps, searchConfigFromEnv } from "./search-config.js";
export { createSearxngProvider, type SearxngOptions } from "./searxng-provider.js";
export { createTavilyProvider, type TavilyOptions } from "./tavily-provider.js";
export type { SearchOptions, SearchProvider, SearchResult, SearchSource } from "./types.js";
