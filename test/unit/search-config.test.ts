import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { searchConfigFromEnv } from "../../src/search/search-config.js";

const home = mkdtempSync(join(tmpdir(), "deepthink-search-config-"));
after(() => rmSync(home, { recursive: true, force: true }));
const env = (vars: Record<string, string>) => ({ DEEPTHINK_HOME: home, ...vars });

test("the provider: explicit, else the first configured of SearXNG, Brave, Tavily", () => {
  assert.equal(
    searchConfigFromEnv(env({ SEARXNG_URL: "http://localhost:8888", BRAVE_API_KEY: "b" })).provider.name,
    "searxng",
  );
  assert.equal(searchConfigFromEnv(env({ BRAVE_API_KEY: "b", TAVILY_API_KEY: "t" })).provider.name, "brave");
  assert.equal(searchConfigFromEnv(env({ TAVILY_API_KEY: "t" })).provider.name, "tavily");
  assert.equal(
    searchConfigFromEnv(
      env({ DEEPTHINK_SEARCH_PROVIDER: "tavily", SEARXNG_URL: "http://s", TAVILY_API_KEY: "t" }),
    ).provider.name,
    "tavily",
  );
  assert.equal(
    searchConfigFromEnv(env({ SEARXNG_URL: "http://s", BRAVE_API_KEY: "b" }), { provider: "brave" }).provider
      .name,
    "brave",
  );
});

test("defaults and numbers; blank variables count as unset", () => {
  const config = searchConfigFromEnv(env({ SEARXNG_URL: "http://s", BRAVE_API_KEY: " " }));
  assert.deepEqual([config.count, config.readTop, config.allowNetworks], [8, 3, []]);
  const tuned = searchConfigFromEnv(
    env({
      SEARXNG_URL: "http://s",
      DEEPTHINK_SEARCH_COUNT: "12",
      DEEPTHINK_SEARCH_READ_TOP: "0",
      DEEPTHINK_FETCH_ALLOW: "10.0.0.0/8, fd00::/8",
    }),
  );
  assert.deepEqual([tuned.count, tuned.readTop, tuned.allowNetworks], [12, 0, ["10.0.0.0/8", "fd00::/8"]]);
});

test("errors name the variable and say what to do", () => {
  assert.throws(() => searchConfigFromEnv(env({})), {
    code: "invalid_argument",
    message: "Web search is not configured.",
    hint: "set SEARXNG_URL, BRAVE_API_KEY or TAVILY_API_KEY, or build a local index with: deepthink index <folder>",
  });
  assert.throws(() => searchConfigFromEnv(env({ DEEPTHINK_SEARCH_PROVIDER: "brave" })), {
    param: "BRAVE_API_KEY",
    message: "Web search with brave needs BRAVE_API_KEY.",
  });
  assert.throws(() => searchConfigFromEnv(env({ SEARXNG_URL: "localhost:8888" })), { param: "SEARXNG_URL" });
  assert.throws(() => searchConfigFromEnv(env({ DEEPTHINK_SEARCH_PROVIDER: "google" })), {
    param: "DEEPTHINK_SEARCH_PROVIDER",
  });
  assert.throws(() => searchConfigFromEnv(env({ SEARXNG_URL: "http://s", DEEPTHINK_SEARCH_COUNT: "many" })), {
    param: "DEEPTHINK_SEARCH_COUNT",
    message: "DEEPTHINK_SEARCH_COUNT is invalid: must be a whole number from 0 to 50.",
  });
  assert.throws(
    () => searchConfigFromEnv(env({ SEARXNG_URL: "http://s", DEEPTHINK_FETCH_ALLOW: "intranet" })),
    {
      param: "allowNetworks",
    },
  );
});
