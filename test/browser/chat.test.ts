/**
 * The chat app in Debian's Chromium against the real server and a scripted model: a question streams its
 * thinking and then its answer; the thinking panel collapses and keeps its duration across a reload;
 * DeepThink off skips thinking; regenerate and edit keep both versions; exports download; screenshots.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import {
  answerSettled,
  answerStates,
  ask,
  lastAnswer,
  recordAnswerStates,
  screenshotDir,
  scrollMessages,
  textOf,
  WAIT_MS,
} from "./page-helpers.js";
import { RICH_ANSWER_END, RICH_REPLY } from "./replies.js";

describe("chat app", { skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium" }, () => {
  let server: ChatServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    [server, browser] = await Promise.all([startChatServer({ reply: RICH_REPLY }), launchChromium()]);
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "light" });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("a question streams its thinking, then the answer; the panel collapses with its duration", async () => {
    await page.goto(server.url);
    await page.getByRole("log").or(page.getByText("How can I help you today?")).first().waitFor();
    await recordAnswerStates(page);
    await ask(page, "What is the area of a circle of radius 2?");
    await page.waitForURL(/\/c\/[0-9a-f]+$/);
    assert.equal(await answerSettled(page), "done");

    const states = await answerStates(page);
    const thinkingOpen = states.findIndex(
      (s) => s.label.startsWith("Thinking…") && s.expanded === "true" && s.reasoning > 0 && s.answer === 0,
    );
    assert.ok(
      thinkingOpen >= 0,
      `reasoning streamed in an open panel first: ${JSON.stringify(states.slice(0, 5))}`,
    );
    const answering = states.findIndex((s, i) => i > thinkingOpen && s.answer > 0);
    assert.ok(answering > thinkingOpen, "the answer came after the thinking");
    const reasoningSteps = new Set(states.slice(0, answering).map((s) => s.reasoning));
    assert.ok(reasoningSteps.size >= 3, `the reasoning streamed in steps: ${JSON.stringify(states)}`);
    const collapsed = states.slice(answering);
    assert.ok(
      collapsed.every((s) => s.expanded === "false"),
      "the panel closed once the answer started",
    );

    const answer = lastAnswer(page);
    const toggle = answer.locator(".thinking-toggle");
    assert.match(await textOf(toggle), /^Thought for (less than a second|\d+ seconds?)$/);
    assert.equal(await toggle.getAttribute("aria-expanded"), "false");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-expanded"), "true");
    assert.match(await textOf(answer.locator(".thinking-body")), /The question asks for the area/);

    // Markdown: a GFM table, highlighted code with a copy button, KaTeX for \( \) and \[ \].
    await answer.locator("table").waitFor();
    assert.equal(await answer.locator("tbody tr").count(), 3);
    assert.ok((await answer.locator(".code-block .hljs-keyword").count()) > 0, "code is highlighted");
    await answer.getByRole("button", { name: "Copy code" }).waitFor();
    assert.ok((await answer.locator(".answer .katex").count()) >= 2, "inline maths rendered");
    assert.equal(await answer.locator(".answer .katex-display").count(), 1, "display maths rendered");
    assert.ok((await textOf(answer)).includes(RICH_ANSWER_END));
    assert.match(
      await textOf(answer.locator(".message-stats")),
      /\d+ tokens · \d+ thinking · [\d.]+ tokens\/s/,
    );
    // The conversation is titled from the first question.
    await page.getByRole("link", { name: "What is the area of a circle of radius 2?" }).waitFor();

    await scrollMessages(page, "top");
    await page.screenshot({ path: join(screenshotDir(), "chat-light.png") });

    // After a reload: the same conversation, the duration kept, the panel closed.
    await page.reload();
    const again = lastAnswer(page);
    await again.locator(".answer table").waitFor();
    assert.match(await textOf(again.locator(".thinking-toggle")), /^Thought for /);
    assert.equal(await again.locator(".thinking-toggle").getAttribute("aria-expanded"), "false");
  });

  test("DeepThink off answers without thinking", async () => {
    const toggle = page.getByRole("button", { name: "DeepThink" });
    assert.equal(await toggle.getAttribute("aria-pressed"), "true");
    await toggle.click();
    assert.equal(await toggle.getAttribute("aria-pressed"), "false");
    await ask(page, "And without thinking?");
    assert.equal(await answerSettled(page), "done");
    const answer = lastAnswer(page);
    assert.equal(await answer.locator(".thinking").count(), 0, "no thinking panel");
    assert.ok((await textOf(answer)).includes(RICH_ANSWER_END));
    assert.doesNotMatch(await textOf(answer.locator(".message-stats")), /thinking/);
    // The toggle is a setting: it survives a reload.
    await page.reload();
    await lastAnswer(page).locator(".answer").waitFor();
    assert.equal(await page.getByRole("button", { name: "DeepThink" }).getAttribute("aria-pressed"), "false");
    await page.getByRole("button", { name: "DeepThink" }).click();
    await page.waitForFunction(
      () => document.querySelector(".deepthink-toggle")?.getAttribute("aria-pressed") === "true",
    );

    // A setting opens thinking panels by default.
    const firstPanel = page.locator(".thinking-toggle").first();
    assert.equal(await firstPanel.getAttribute("aria-expanded"), "false");
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Thinking panel" }).selectOption("expanded");
    await page.keyboard.press("Escape");
    assert.equal(await firstPanel.getAttribute("aria-expanded"), "true");
    await page.reload();
    await page.locator(".thinking-toggle[aria-expanded=true]").first().waitFor();
    await page.getByRole("button", { name: "Settings" }).click();
    await page.getByRole("combobox", { name: "Thinking panel" }).selectOption("auto");
    await page.keyboard.press("Escape");
    await page.locator(".thinking-toggle[aria-expanded=false]").first().waitFor();
  });

  test("regenerate and edit keep both versions", async () => {
    await page.getByRole("button", { name: "New chat" }).click();
    await ask(page, "Version one?");
    assert.equal(await answerSettled(page), "done");
    const firstAnswerId = await lastAnswer(page).getAttribute("data-message-id");

    await lastAnswer(page).getByRole("button", { name: "Regenerate" }).click();
    await page.waitForFunction((id) => {
      const last = [...document.querySelectorAll("article.assistant")].at(-1);
      return last != null && last.getAttribute("data-message-id") !== id;
    }, firstAnswerId);
    assert.equal(await answerSettled(page), "done");
    const versions = lastAnswer(page).getByRole("group", { name: "Answer versions" });
    assert.equal(await textOf(versions), "2/2");
    await versions.getByRole("button", { name: "Previous answer version" }).click();
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll("article.assistant")].at(-1)?.getAttribute("data-message-id") === id,
      firstAnswerId,
    );
    assert.equal(await textOf(versions), "1/2");

    // Edit the question: a second question version with its own answer; the first stays reachable.
    const question = page.getByRole("article", { name: "Question" }).last();
    await question.getByRole("button", { name: "Edit question" }).click();
    const editor = question.getByRole("textbox", { name: "Edit question" });
    assert.equal(await editor.inputValue(), "Version one?");
    await editor.fill("Version two?");
    await question.getByRole("button", { name: "Send" }).click();
    await page.getByRole("article", { name: "Question" }).getByText("Version two?").waitFor();
    assert.equal(await answerSettled(page), "done");
    const questionVersions = page.getByRole("group", { name: "Question versions" });
    assert.equal(await textOf(questionVersions), "2/2");
    await questionVersions.getByRole("button", { name: "Previous question version" }).click();
    await page.getByRole("article", { name: "Question" }).getByText("Version one?").waitFor();
    // Back on the first question, its two answers are still there, the newest shown.
    assert.equal(await textOf(lastAnswer(page).getByRole("group", { name: "Answer versions" })), "2/2");
    // The branch on screen is saved: a reload shows the same one.
    await page.reload();
    await page.getByRole("article", { name: "Question" }).getByText("Version one?").waitFor();
  });

  test("export downloads Markdown and JSON with the reasoning", async () => {
    await page.getByRole("button", { name: "Export conversation" }).click();
    const [markdown] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export as Markdown" }).click(),
    ]);
    assert.match(markdown.suggestedFilename(), /^version-one\.md$/);
    const md = readFileSync(await markdown.path(), "utf8");
    assert.match(md, /^# Version one\?/);
    assert.match(md, /## You\n\nVersion one\?/);
    assert.match(md, /<summary>Thought for [\d.]+ seconds<\/summary>\n\n> The question asks for the area/);
    assert.ok(md.includes(RICH_REPLY.slice(RICH_REPLY.indexOf("So the answer"))));

    await page.getByRole("button", { name: "Export conversation" }).click();
    const [json] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export as JSON" }).click(),
    ]);
    assert.match(json.suggestedFilename(), /\.json$/);
    const body = JSON.parse(readFileSync(await json.path(), "utf8")) as {
      messages: Array<{ role: string; content: string; reasoning: string }>;
      branch: string[];
    };
    assert.equal(body.messages.filter((m) => m.role === "user").length, 2, "both question versions");
    assert.equal(body.messages.filter((m) => m.role === "assistant").length, 3, "all three answers");
    assert.ok(body.messages.some((m) => m.reasoning.startsWith("The question asks")));
    assert.equal(body.branch.length, 2);
  });

  test("rename, search and delete conversations in the sidebar", async () => {
    const sidebar = page.getByRole("navigation", { name: "Conversations" });
    await sidebar.getByRole("button", { name: "Rename “Version one?”" }).click();
    const field = sidebar.getByRole("textbox", { name: "Conversation title" });
    await field.fill("Circle versions");
    await field.press("Enter");
    await sidebar.getByRole("link", { name: "Circle versions" }).waitFor();
    await page.getByRole("heading", { name: "Circle versions" }).waitFor();

    await sidebar.getByRole("searchbox").fill("circle v");
    await page.waitForFunction(() => document.querySelectorAll(".conversation-item").length === 1);
    await sidebar.getByRole("searchbox").fill("");
    await page.waitForFunction(() => document.querySelectorAll(".conversation-item").length === 2);

    await sidebar.getByRole("button", { name: "Delete “Circle versions”" }).click();
    await sidebar.getByRole("button", { name: "Delete", exact: true }).click();
    await page.waitForURL(`${server.url}/`);
    await page.waitForFunction(() => document.querySelectorAll(".conversation-item").length === 1);
  });

  test("screenshots: dark theme and a phone", async () => {
    const first = await page.getByRole("link", { name: /area of a circle/ }).getAttribute("href");
    const dark = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: "dark" });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${server.url}${first}`);
    await darkPage.locator("article.assistant .answer table").first().waitFor();
    await scrollMessages(darkPage, "top");
    const background = await darkPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, "rgb(23, 24, 28)", "the dark palette follows the system");
    await darkPage.screenshot({ path: join(screenshotDir(), "chat-dark.png") });
    await dark.close();

    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      colorScheme: "light",
    });
    const phonePage = await phone.newPage();
    await phonePage.goto(`${server.url}${first}`);
    await phonePage.locator("article.assistant .answer table").first().waitFor();
    assert.equal(await phonePage.getByRole("navigation", { name: "Conversations" }).isVisible(), false);
    const scrollWidth = await phonePage.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(scrollWidth <= 390, `no sideways scrolling on a phone (${scrollWidth}px)`);
    await scrollMessages(phonePage, "top");
    await phonePage.screenshot({ path: join(screenshotDir(), "chat-phone.png") });
    const menu = phonePage.getByRole("button", { name: "Show conversations" });
    await menu.click();
    assert.equal(await menu.getAttribute("aria-expanded"), "true");
    await phonePage.getByRole("link", { name: /area of a circle/ }).waitFor({ state: "visible" });
    // The drawer has slid in (its transition is over) and has the focus.
    await phonePage.waitForFunction(
      () => getComputedStyle(document.querySelector(".sidebar")!).transform === "none",
    );
    assert.equal(await phonePage.evaluate(() => document.activeElement?.textContent?.trim()), "New chat");
    await phonePage.screenshot({ path: join(screenshotDir(), "chat-phone-sidebar.png") });
    await phonePage.keyboard.press("Escape");
    await phonePage.getByRole("navigation", { name: "Conversations" }).waitFor({ state: "hidden" });
    await phone.close();
  });
});
