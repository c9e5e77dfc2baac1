/**
 * Search-on answers in the chat app: `[citation:N]` becomes a numbered chip (a link for an http(s)
 * source, a chip without a link for a `file://` one of the local index) with a preview on hover and
 * focus; a marker with no source stays plain text; the sources panel lists them; a reload changes
 * nothing. The search is the real local index on a temp folder (two documents), plus one web page
 * result from a test provider (with its text, so nothing is fetched): nothing leaves 127.0.0.1.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { indexFolder } from "../../src/search/index-folder.js";
import { searchConfigFromEnv } from "../../src/search/search-config.js";
import type { SearchProvider } from "../../src/search/types.js";
import { SearchIndexStore } from "../../src/store/search-index-store.js";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { chatApi } from "./chat-api.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import { answerSettled, ask, lastAnswer, textOf, WAIT_MS } from "./page-helpers.js";

const PAGE_URL = "http://127.0.0.1:9/falcon-handbook";
const REPLY =
  "<think>\nLooking.</think>\n\nFalcon's code is 4711 [citation:1], as filed in [citation:2]. " +
  "**Both agree[citation:1][citation:2].** Unknown [citation:9].";

describe("citations in the chat app", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let dir: string;
  let server: ChatServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "deepthink-chat-cite-"));
    const docs = join(dir, "docs");
    mkdirSync(docs);
    writeFileSync(join(docs, "falcon.md"), "# Falcon codes\n\nFalcon's code is 4711, filed in the ledger.\n");
    writeFileSync(join(docs, "otter.txt"), "The otter's code is 1234; the falcon keeps its own.\n");
    const indexPath = join(dir, "index.db");
    const store = SearchIndexStore.open(indexPath);
    await indexFolder(docs, { store });
    store.close();
    const env = {
      DEEPTHINK_SEARCH_PROVIDER: "local",
      DEEPTHINK_SEARCH_INDEX: indexPath,
      DEEPTHINK_SEARCH_COUNT: "3",
    };
    [server, browser] = await Promise.all([
      startChatServer({
        reply: REPLY,
        // Byte-level vocabulary: the search template alone is ~2,000 tokens, and the app keeps half for the answer.
        contextSize: 8192,
        parallel: 1,
        openSearch: () => {
          const local = searchConfigFromEnv(env);
          // A web page first (an http source), then the local index's own results (file:// sources).
          const provider: SearchProvider = {
            name: "local",
            async search(query, options) {
              const found = await local.provider.search(query, options);
              return [
                {
                  title: "Falcon handbook",
                  url: PAGE_URL,
                  snippet: "Every falcon has a four-digit code.",
                  content: "Every falcon has a four-digit code. Falcon's code is 4711.",
                  source: "searxng",
                },
                ...found,
              ];
            },
          };
          return { ...local, provider, close: () => local.close() };
        },
      }),
      launchChromium(),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    if (dir != null) rmSync(dir, { recursive: true, force: true });
  });

  async function checkAnswer(): Promise<void> {
    const answer = lastAnswer(page);
    const markdown = answer.locator(".answer");
    // 1: the web page, a link chip.
    const web = markdown.locator("a.citation-chip[data-citation='1']").first();
    await web.waitFor();
    assert.equal(await web.getAttribute("href"), PAGE_URL);
    assert.equal(await web.getAttribute("target"), "_blank");
    assert.match((await web.getAttribute("rel")) ?? "", /noopener/);
    assert.equal((await web.textContent())?.trim(), "1");
    // 2: a local file, a chip that is no link.
    const file = markdown.locator(".citation-chip[data-citation='2']").first();
    assert.equal(await file.evaluate((el) => el.tagName), "SPAN");
    assert.equal(await file.getAttribute("href"), null);
    assert.equal(await file.getAttribute("tabindex"), "0");
    // 9: no such source, plain text (no chip, no link, no broken reference).
    const text = await textOf(markdown);
    assert.ok(text.includes("Unknown [citation:9]."), text);
    assert.equal(await markdown.locator("[data-citation='9']").count(), 0);
    // Adjacent markers (`[citation:1][citation:2]`, no reference link) inside bold are chips too.
    assert.equal(await markdown.locator(".citation-chip").count(), 4);
    assert.equal(await markdown.locator("strong .citation-chip").count(), 2);
    assert.equal(await markdown.locator("a").count(), 2, "the only links are the web source's chips");
    assert.ok(!text.includes("[citation:1]") && !text.includes("[citation:2]"), text);

    // The preview shows on hover (web chip) and on keyboard focus (file chip).
    const webPreview = web.locator("xpath=following-sibling::*[contains(@class,'citation-preview')]");
    assert.equal(await webPreview.isVisible(), false);
    await web.hover();
    await webPreview.waitFor({ state: "visible" });
    const webPreviewText = await textOf(webPreview);
    assert.ok(webPreviewText.includes("Falcon handbook"), webPreviewText);
    assert.ok(webPreviewText.includes("Every falcon has a four-digit code."), webPreviewText);
    await page.mouse.move(0, 0);
    await webPreview.waitFor({ state: "hidden" });
    const filePreview = file.locator("xpath=following-sibling::*[contains(@class,'citation-preview')]");
    await file.focus();
    await filePreview.waitFor({ state: "visible" });
    const filePreviewText = await textOf(filePreview);
    assert.ok(/file:\/\/.*\.(md|txt)/.test(filePreviewText), filePreviewText);
    await file.blur();

    // The sources panel lists every source, numbered; only the web one is a link.
    const panel = answer.locator(".sources-panel");
    await panel.waitFor();
    const items = panel.locator("li");
    assert.equal(await items.count(), 3);
    assert.equal(await items.nth(0).locator("a").getAttribute("href"), PAGE_URL);
    assert.ok((await textOf(items.nth(0))).includes("Falcon handbook"));
    for (const i of [1, 2]) {
      assert.equal(await items.nth(i).locator("a").count(), 0);
      assert.match(await textOf(items.nth(i)), /file:\/\//);
    }
  }

  test("a search-on answer shows working citation chips, previews and its sources", async () => {
    await page.goto(server.url);
    const toggle = page.getByRole("button", { name: "Search" });
    await toggle.waitFor();
    if ((await toggle.getAttribute("aria-pressed")) !== "true") await toggle.click();
    await page.waitForFunction(
      () => document.querySelector(".web-search-toggle")?.getAttribute("aria-pressed") === "true",
    );
    await ask(page, "What is Falcon's code?");
    assert.equal(await answerSettled(page), "done");
    await checkAnswer();

    // The question was sent with the search results in the README's template.
    const conversationId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const detail = await chatApi(server.url).detail(conversationId);
    const question = detail.messages.find((m) => m.role === "user");
    assert.ok(question?.prompt?.includes("Falcon's code is 4711"), question?.prompt ?? "no prompt");
    assert.equal(question?.sources?.length, 3);

    // Nothing breaks after a reload: the chips come from the saved sources.
    await page.reload();
    assert.equal(await answerSettled(page), "done");
    await checkAnswer();
  });
});
