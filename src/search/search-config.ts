/**
 * Web search configured from the environment, read once through a schema:
 *
 *   DEEPTHINK_SEARCH_PROVIDER  searxng | brave | tavily | local (default: the first configured, in that order)
 *   SEARXNG_URL                the SearXNG instance, e.g. http://localhost:8888
 *   BRAVE_API_KEY              Brave Search API key
 *   TAVILY_API_KEY             Tavily API key
 *   DEEPTHINK_SEARCH_INDEX     the local index file (default $DEEPTHINK_HOME/index.db)
 *   DEEPTHINK_SEARCH_COUNT     results per search (default 8)
 *   DEEPTHINK_SEARCH_READ_TOP  pages read among the first results (default 3; 0 = snippets only)
 *   DEEPTHINK_FETCH_ALLOW      CIDRs page fetches may reach despite being private, comma-separated
 */
import { existsSync } from "node:fs";
import { z } from "zod";
import { DeepthinkError } from "../errors.js";
import type { Env } from "../models/home.js";
import { defaultSearchIndexPath, SearchIndexStore } from "../store/search-index-store.js";
import { createAddressPolicy } from "./address-policy.js";
import { createBraveProvider } from "./brave-provider.js";
import { createLocalIndexProvider } from "./local-index-provider.js";
import { createSearxngProvider } from "./searxng-provider.js";
import { createTavilyProvider } from "./tavily-provider.js";
import type { SearchProvider, SearchSource } from "./types.js";

export interface SearchConfig {
  provider: SearchProvider;
  count: number;
  readTop: number;
  allowNetworks: string[];
  /** Releases the local index file, if one was opened. */
  close(): void;
}

const blankIsUnset = z
  .string()
  .optional()
  .transform((v) => (v == null || v.trim() === "" ? undefined : v.trim()));
const whole = (max: number) =>
  blankIsUnset.transform((value, ctx) => {
    if (value == null) return undefined;
    const n = Number(value);
    if (Number.isInteger(n) && n >= 0 && n <= max) return n;
    ctx.addIssue({ code: "custom", message: `must be a whole number from 0 to ${max}` });
    return z.NEVER;
  });

const SearchEnvSchema = z.object({
  DEEPTHINK_SEARCH_PROVIDER: blankIsUnset.pipe(z.enum(["searxng", "brave", "tavily", "local"]).optional()),
  SEARXNG_URL: blankIsUnset.pipe(z.url({ protocol: /^https?$/ }).optional()),
  BRAVE_API_KEY: blankIsUnset,
  TAVILY_API_KEY: blankIsUnset,
  DEEPTHINK_SEARCH_INDEX: blankIsUnset,
  DEEPTHINK_SEARCH_COUNT: whole(50),
  DEEPTHINK_SEARCH_READ_TOP: whole(20),
  DEEPTHINK_FETCH_ALLOW: blankIsUnset,
});

export interface SearchConfigDeps {
  fetch?: typeof fetch;
  /** Overrides DEEPTHINK_SEARCH_PROVIDER (a CLI flag, a request field). */
  provider?: SearchSource;
}

export function searchConfigFromEnv(env: Env, deps: SearchConfigDeps = {}): SearchConfig {
  const parsed = SearchEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    throw new DeepthinkError("invalid_argument", `${name} is invalid: ${issue?.message ?? "bad value"}.`, {
      param: name,
      hint: "see docs/files-and-search.md for the search settings",
    });
  }
  const e = parsed.data;
  const indexPath = e.DEEPTHINK_SEARCH_INDEX ?? defaultSearchIndexPath(env);
  const allowNetworks = (e.DEEPTHINK_FETCH_ALLOW ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  createAddressPolicy(allowNetworks); // validates the list now, naming a bad entry, rather than at first fetch
  const chosen =
    deps.provider ??
    e.DEEPTHINK_SEARCH_PROVIDER ??
    (e.SEARXNG_URL != null
      ? "searxng"
      : e.BRAVE_API_KEY != null
        ? "brave"
        : e.TAVILY_API_KEY != null
          ? "tavily"
          : existsSync(indexPath)
            ? "local"
            : undefined);
  const missing = (name: string) =>
    new DeepthinkError("invalid_argument", `Web search with ${chosen} needs ${name}.`, { param: name });
  let provider: SearchProvider;
  let close = () => {};
  if (chosen === "searxng") {
    if (e.SEARXNG_URL == null) throw missing("SEARXNG_URL");
    provider = createSearxngProvider({ baseUrl: e.SEARXNG_URL, fetch: deps.fetch });
  } else if (chosen === "brave") {
    if (e.BRAVE_API_KEY == null) throw missing("BRAVE_API_KEY");
    provider = createBraveProvider({ apiKey: e.BRAVE_API_KEY, fetch: deps.fetch });
  } else if (chosen === "tavily") {
    if (e.TAVILY_API_KEY == null) throw missing("TAVILY_API_KEY");
    provider = createTavilyProvider({ apiKey: e.TAVILY_API_KEY, fetch: deps.fetch });
  } else if (chosen === "local") {
    const store = SearchIndexStore.open(indexPath, { readonly: true });
    provider = createLocalIndexProvider(store);
    close = () => store.close();
  } else {
    throw new DeepthinkError("invalid_argument", "Web search is not configured.", {
      hint: "set SEARXNG_URL, BRAVE_API_KEY or TAVILY_API_KEY, or build a local index with: deepthink index <folder>",
    });
  }
  return {
    provider,
    count: e.DEEPTHINK_SEARCH_COUNT ?? 8,
    readTop: e.DEEPTHINK_SEARCH_READ_TOP ?? 3,
    allowNetworks,
    close,
  };
}
