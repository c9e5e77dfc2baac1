/**
 * The whole search path on real local servers: a SearXNG-shaped API on 127.0.0.2 returns results that
 * point at an allowed page (127.0.0.2, opened by the operator allow-list), at an internal service on
 * 127.0.0.1 and at the metadata address; only the allowed page is read, the rest keep their snippets,
 * and the numbered sources fill the README's template.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { estimateTokens } from "../../src/files/token-budget.js";
import { parseCitations } from "../../src/protocol/citations.js";
import { renderSearchPrompt, renderSearchResults } from "../../src/protocol/search-template.js";
import { searchAndRead, toApiSources } from "../../src/search/search-and-read.js";
import { createSearxngProvider } from "../../src/search/searxng-provider.js";
import { guardedTransport as guarded } from "../fixtures/search/guarded-transport.js";
import { type LocalServer, send, startLocalServer } from "../fixtures/search/local-server.js";

let victim: LocalServer;
let web: LocalServer;
const ARTICLE = `<!doctype html><html><head><title>R1 sampling</title></head><body>
<nav>Home · About · Login</nav>
<article><h1>Sampling DeepSeek-R1</h1>
<p>${"The README recommends a temperature of 0.6 and top-p of 0.95 for every DeepSeek-R1 model. ".repeat(8)}</p>
<p>It also advises against a system prompt.</p></article>
<footer>Cookie banner</footer></body></html>`;

before(async () => {
  victim = await startLocalServer((_, response) => send(response, 200, "text/plain", "internal admin page"));
  web = await startLocalServer((request, response) => {
    const url = new URL(request.url, "http://x");
    if (url.pathname === "/article") return send(response, 200, "text/html; charset=utf-8", ARTICLE);
    if (url.pathname !== "/search") return send(response, 404, "text/plain", "not found");
    const results = [
      { url: `${web.origin}/article`, title: "R1 sampling", content: "Temperature 0.6.", score: 5 },
      { url: `${victim.origin}/secret`, title: "Internal", content: "Looks harmless.", score: 4 },
      { url: "http://169.254.169.254/latest/meta-data/", title: "Metadata", content: "Cloud.", score: 3 },
      { url: `${web.origin}/article#top`, title: "R1 sampling (again)", content: "Dup.", score: 2 },
      {
        url: `${web.origin}/unread`,
        title: "Fifth",
        content: "Only a snippet.",
        score: 1,
        publishedDate: "2025-02-01",
      },
    ];
    send(response, 200, "application/json", JSON.stringify({ query: url.searchParams.get("q"), results }));
  }, "127.0.0.2");
});
after(async () => {
  await victim.close();
  await web.close();
});

test("search, read the allowed top page, refuse the internal ones, number the sources, fill the template", async () => {
  const guard = guarded();
  const result = await searchAndRead("deepseek r1 temperature", {
    provider: createSearxngProvider({ baseUrl: web.origin }),
    count: 8,
    readTop: 3,
    budgetTokens: 4000,
    countTokens: estimateTokens,
    fetch: { allowNetworks: ["127.0.0.2/32"], openRequest: guard.open },
  });
  assert.equal(victim.requests.length, 0, "the internal service was never contacted");
  assert.deepEqual(guard.addresses, ["127.0.0.2"], "only the allowed page was connected to");
  assert.deepEqual(
    result.sources.map((s) => [s.index, s.title, s.read]),
    [
      [1, "R1 sampling", true],
      [2, "Internal", false],
      [3, "Metadata", false],
      [4, "Fifth", false],
    ],
    "duplicate URL dropped, numbering contiguous",
  );
  const [article, internal, metadata, fifth] = result.sources;
  assert.match(
    article?.content ?? "",
    /^Sampling DeepSeek-R1\n\nThe README recommends a temperature of 0\.6/,
  );
  assert.ok(!(article?.content ?? "").includes("Cookie banner"), "readable text only");
  assert.match(internal?.readError ?? "", /127\.0\.0\.1 \(loopback\), not a public address/);
  assert.match(metadata?.readError ?? "", /169\.254\.169\.254 \(metadata\)/);
  assert.equal(fifth?.readError, undefined, "beyond readTop: not fetched at all");

  const prompt = renderSearchPrompt({
    results: result.sources,
    question: "What temperature for R1?",
    curDate: "D",
  });
  assert.ok(
    prompt.includes(
      `[webpage 2 begin]\nTitle: Internal\nURL: ${victim.origin}/secret\nLooks harmless.\n[webpage 2 end]\n` +
        `[webpage 3 begin]\nTitle: Metadata\nURL: http://169.254.169.254/latest/meta-data/\nCloud.\n[webpage 3 end]\n` +
        `[webpage 4 begin]\nTitle: Fifth\nURL: ${web.origin}/unread\nPublished: 2025-02-01\nOnly a snippet.\n[webpage 4 end]\n`,
    ),
  );
  assert.ok(
    prompt.startsWith(
      `# The following contents are the search results related to the user's message:\n[webpage 1 begin]\nTitle: R1 sampling\nURL: ${web.origin}/article\nSampling DeepSeek-R1\n`,
    ),
  );

  // A scripted answer citing sources: chips for 1 and 4, plain text for the invented 9.
  const answer = "Use 0.6[citation:1]. A snippet said so too[citation:4][citation:9].";
  const chips = parseCitations(answer, result.sources.length).filter((s) => s.type !== "text");
  assert.deepEqual(chips, [
    { type: "citation", index: 1, text: "[citation:1]" },
    { type: "citation", index: 4, text: "[citation:4]" },
    { type: "unmatched", index: 9, text: "[citation:9]" },
  ]);
  assert.deepEqual(toApiSources(result.sources)[0], {
    index: 1,
    title: "R1 sampling",
    url: `${web.origin}/article`,
    snippet: "Temperature 0.6.",
  });
});

test("a small budget cuts the read page with the notice; the API snippet stays the provider's", async () => {
  const result = await searchAndRead("r1", {
    provider: createSearxngProvider({ baseUrl: web.origin }),
    readTop: 1,
    budgetTokens: 220,
    countTokens: estimateTokens,
    fetch: { allowNetworks: ["127.0.0.2/32"] },
  });
  const [article] = result.sources;
  assert.equal(article?.truncated, true);
  assert.match(article?.content ?? "", /\n\[… truncated: [\d,]+ of [\d,]+ tokens shown\]$/);
  assert.equal(article?.snippet, "Temperature 0.6.");
  const rendered = renderSearchResults(result.sources);
  assert.ok(estimateTokens(rendered) <= 220, String(estimateTokens(rendered)));
  assert.ok(estimateTokens(rendered) > 180, "the budget is used, not wasted");
  assert.equal(victim.requests.length, 0);
});

test("with no room even for titles, sources are dropped from the end; none at all is a clear error", async () => {
  const provider = createSearxngProvider({ baseUrl: web.origin });
  const few = await searchAndRead("r1", {
    provider,
    readTop: 0,
    budgetTokens: 60,
    countTokens: estimateTokens,
  });
  assert.ok(few.sources.length >= 1 && few.sources.length < 4, String(few.sources.length));
  assert.equal(few.dropped, 4 - few.sources.length);
  await assert.rejects(
    searchAndRead("r1", { provider, readTop: 0, budgetTokens: 5, countTokens: estimateTokens }),
    {
      code: "context_length_exceeded",
    },
  );
});
