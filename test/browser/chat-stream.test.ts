/**
 * Long answers in the browser: Stop (button and Esc) ends the generation on the server at once and frees
 * its slot, so the next question is answered; a reload or a closed tab mid-answer loses nothing — the
 * page shows what was generated and follows the rest, which the server went on generating.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import { answerSettled, ask, lastAnswer, textOf, WAIT_MS } from "./page-helpers.js";
import { LONG_REPLY } from "./replies.js";

const LONG_ANSWER = LONG_REPLY.slice(LONG_REPLY.indexOf("</think>") + "</think>".length).trim();

describe("chat app, long answers", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let server: ChatServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [server, browser] = await Promise.all([
      startChatServer({ reply: LONG_REPLY, contextSize: 2048 }),
      launchChromium(),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Resolves once no generation holds a slot of the engine. */
  async function slotsFree(): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (server.engine!.stats().busySlots > 0) {
      if (Date.now() > deadline) throw new Error("a slot stayed busy after Stop");
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Waits until the last answer shows at least `chars` of reasoning (it is mid-thought). */
  const reasoningAtLeast = (chars: number) =>
    page.waitForFunction(
      (n) =>
        (document.querySelector("article.assistant:last-of-type .thinking-body")?.textContent?.length ?? 0) >=
        n,
      chars,
    );

  test("Stop ends the generation on the server at once, and the next question is answered", async () => {
    await page.goto(server.url);
    await ask(page, "Check every case, please.");
    await reasoningAtLeast(80);
    assert.equal(server.engine!.stats().busySlots, 1, "generating while the page shows it");
    await page.getByRole("button", { name: "Stop" }).click();
    assert.equal(await answerSettled(page), "stopped");
    await slotsFree();
    const answer = lastAnswer(page);
    assert.match(await textOf(answer.locator(".thinking-toggle")), /^Stopped after thinking for /);
    await answer.getByText("Stopped", { exact: true }).waitFor();
    const shown = await textOf(answer.locator(".thinking-body"));

    // What the page showed is what was saved.
    await page.reload();
    await lastAnswer(page).locator(".thinking-toggle").click();
    assert.equal(await textOf(lastAnswer(page).locator(".thinking-body")), shown);
    assert.equal(await lastAnswer(page).getAttribute("data-status"), "stopped");

    // The next question gets an answer; Esc stops that one too.
    await ask(page, "Are you still there?");
    await page.waitForFunction(() => document.querySelectorAll("article.assistant").length === 2);
    await reasoningAtLeast(20);
    await page.keyboard.press("Escape");
    assert.equal(await answerSettled(page), "stopped");
    await slotsFree();
  });

  test("a reload mid-thought and a closed tab mid-answer keep everything; the answer completes", async () => {
    await page.getByRole("button", { name: "New chat" }).click();
    await ask(page, "Go through all the cases.");
    await page.waitForURL(/\/c\//);
    const url = page.url();
    await reasoningAtLeast(120);
    const before = await textOf(lastAnswer(page).locator(".thinking-body"));
    await page.reload();
    // The reloaded page picks up the running answer: the reasoning so far, still growing, still open.
    const toggle = lastAnswer(page).locator(".thinking-toggle");
    await toggle.waitFor();
    assert.match(await textOf(toggle), /^Thinking… \d+s$/);
    await page.waitForFunction(
      (n) => (document.querySelector("article.assistant .thinking-body")?.textContent?.length ?? 0) > n,
      before.length + 40,
    );
    const after = await textOf(lastAnswer(page).locator(".thinking-body"));
    assert.ok(after.startsWith(before.slice(0, 100)), "the reasoning from before the reload is still there");

    // Close the tab once the answer has started; a new tab later finds it complete.
    await page.waitForFunction(
      () => (document.querySelector("article.assistant .answer")?.textContent?.length ?? 0) > 0,
    );
    await page.close();
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(url);
    assert.equal(await answerSettled(page), "done");
    const answer = lastAnswer(page);
    // Paragraph by paragraph (textContent joins them without the blank lines between).
    assert.equal(await textOf(answer.locator(".answer")), LONG_ANSWER.replace(/\n+/g, ""));
    assert.match(await textOf(answer.locator(".thinking-toggle")), /^Thought for \d+ seconds?$/);
  });
  test("the list follows the answer only while the reader is at the bottom; jump to latest resumes", async () => {
    await page.setViewportSize({ width: 900, height: 560 });
    await page.goto(server.url);
    await page.getByRole("button", { name: "DeepThink" }).click();
    await ask(page, "Answer straight away, at length.");
    const distanceFromBottom = () =>
      page.evaluate(() => {
        const el = document.querySelector(".message-scroller")!;
        return el.scrollHeight - el.scrollTop - el.clientHeight;
      });
    const answerLength = () =>
      page.evaluate(() => document.querySelector("article.assistant .answer")?.textContent?.length ?? 0);
    const grownPast = (n: number) =>
      page.waitForFunction(
        (m) => (document.querySelector("article.assistant .answer")?.textContent?.length ?? 0) > m,
        n,
      );
    await grownPast(600);
    assert.ok((await distanceFromBottom()) <= 40, "following the answer");

    // The reader scrolls up: the list stays where they put it while the answer grows.
    await page.locator(".message-scroller").hover();
    await page.mouse.wheel(0, -400);
    await page.waitForFunction(() => {
      const el = document.querySelector(".message-scroller")!;
      return el.scrollHeight - el.scrollTop - el.clientHeight > 40;
    });
    const jump = page.getByRole("button", { name: "Jump to latest" });
    await jump.waitFor();
    const top = await page.evaluate(() => document.querySelector(".message-scroller")!.scrollTop);
    await grownPast((await answerLength()) + 300);
    assert.equal(
      await page.evaluate(() => document.querySelector(".message-scroller")!.scrollTop),
      top,
      "not pulled back",
    );

    await jump.click();
    await jump.waitFor({ state: "detached" });
    assert.equal(await answerSettled(page), "done");
    assert.ok((await distanceFromBottom()) <= 40, "following again to the end");
    await page.getByRole("button", { name: "DeepThink" }).click();
  });
});
