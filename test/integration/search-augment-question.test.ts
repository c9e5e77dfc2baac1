import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { pathToFileURL } from "node:url";
import { estimateTokens } from "../../src/files/token-budget.js";
import { augmentQuestion } from "../../src/search/augment-question.js";
import { indexFolder } from "../../src/search/index-folder.js";
import { createLocalIndexProvider } from "../../src/search/local-index-provider.js";
import type { SearchProvider } from "../../src/search/types.js";
import { SearchIndexStore } from "../../src/store/search-index-store.js";
import { makePdf } from "../fixtures/search/make-documents.js";

let dir: string;
let store: SearchIndexStore;
let provider: SearchProvider;
before(async () => {
  dir = mkdtempSync(join(tmpdir(), "deepthink-augment-"));
  writeFileSync(
    join(dir, "sampling.md"),
    "# Sampling\n\nDeepSeek-R1 recommends temperature 0.6 and top-p 0.95.\n",
  );
  store = SearchIndexStore.open(join(dir, "index.db"));
  await indexFolder(dir, { store });
  provider = createLocalIndexProvider(store);
});
after(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const now = () => new Date("2025-01-20T12:00:00Z");

test("no files, no search: the question unchanged", async () => {
  const out = await augmentQuestion({ question: "Hi", countTokens: estimateTokens, budgetTokens: 100 });
  assert.deepEqual(out, { prompt: "Hi", files: [], truncations: [], sources: [] });
});

test("a file and search together: the file template is the search template's {question}", async () => {
  const pdf = await makePdf([["Our team uses temperature 0.7."]]);
  const out = await augmentQuestion({
    question: "Which temperature is recommended?",
    files: [{ name: "team.pdf", bytes: pdf }],
    search: { provider, readTop: 3 },
    countTokens: estimateTokens,
    budgetTokens: 4000,
    now,
    timeZone: "UTC",
  });
  const url = pathToFileURL(join(dir, "sampling.md")).href;
  assert.ok(
    out.prompt.startsWith(
      "# The following contents are the search results related to the user's message:\n" +
        `[webpage 1 begin]\nTitle: Sampling\nURL: ${url}\n# Sampling\n\nDeepSeek-R1 recommends temperature 0.6 and top-p 0.95.\n[webpage 1 end]\n`,
    ),
  );
  assert.ok(out.prompt.includes("- Today is Monday, January 20, 2025.\n"));
  assert.ok(
    out.prompt.endsWith(
      "# The user's message is:\n[file name]: team.pdf\n[file content begin]\nOur team uses temperature 0.7.\n[file content end]\n" +
        "Which temperature is recommended?",
    ),
  );
  assert.deepEqual(
    out.sources.map((s) => [s.index, s.url]),
    [[1, url]],
  );
  assert.ok(estimateTokens(out.prompt) <= 4000);
});

test("the template's language follows the user's words, not the files'", async () => {
  const out = await augmentQuestion({
    question: "推荐的温度是多少？ temperature",
    files: [{ name: "en.txt", bytes: new TextEncoder().encode("English only.") }],
    search: { provider },
    countTokens: estimateTokens,
    budgetTokens: 4000,
    now,
    timeZone: "Asia/Shanghai",
  });
  assert.ok(out.prompt.startsWith("# 以下内容是基于用户发送的消息的搜索结果:\n[webpage 1 begin]\n"));
  assert.ok(out.prompt.includes("- 今天是2025年1月20日星期一。\n"));
  const english = await augmentQuestion({
    question: "What is this?",
    files: [{ name: "zh.txt", bytes: new TextEncoder().encode("中文内容") }],
    search: { provider },
    countTokens: estimateTokens,
    budgetTokens: 4000,
    now,
  });
  assert.ok(english.prompt.startsWith("# The following contents are the search results"));
});

test("a large file is cut so that file, sources and template fit the budget together", async () => {
  const big = new TextEncoder().encode("temperature notes ".repeat(5000));
  const out = await augmentQuestion({
    question: "Summarise the temperature notes.",
    files: [{ name: "big.txt", bytes: big }],
    search: { provider },
    countTokens: estimateTokens,
    budgetTokens: 3000,
    now,
  });
  assert.ok(estimateTokens(out.prompt) <= 3000, String(estimateTokens(out.prompt)));
  assert.equal(out.truncations.length, 1);
  assert.equal(out.sources.length, 1, "the search result kept its place");
  assert.match(out.prompt, /\[… truncated: [\d,]+ of 22,500 tokens shown\]\n\[file content end\]\nSummarise/);
});
