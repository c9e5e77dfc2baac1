/**
 * What must never happen in the chat app: an answer's HTML or script running (or an image leaking the
 * conversation to another host), Enter that confirms an IME composition sending the message; and what
 * must always be there: labelled controls and a log region.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import { answerSettled, ask, lastAnswer, textOf, WAIT_MS } from "./page-helpers.js";
import { HOSTILE_REPLY } from "./replies.js";

describe("chat app safety and input", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let server: ChatServer;
  let browser: Browser;
  let page: Page;
  const foreignRequests: string[] = [];
  const dialogs: string[] = [];

  before(async () => {
    [server, browser] = await Promise.all([startChatServer({ reply: HOSTILE_REPLY }), launchChromium()]);
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
    // A request to another host either never starts or is refused by the page's CSP before it leaves.
    page.on("requestfinished", (request) => {
      if (!request.url().startsWith(server.url)) foreignRequests.push(request.url());
    });
    page.on("requestfailed", (request) => {
      const refused = request.failure()?.errorText === "csp";
      if (!request.url().startsWith(server.url) && !refused) foreignRequests.push(request.url());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const w = window as unknown as { __blocked?: string[] };
        w.__blocked = [...(w.__blocked ?? []), e.blockedURI];
      });
    });
    page.on("dialog", (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("HTML and scripts in an answer are shown as text and never run", async () => {
    await page.goto(server.url);
    await ask(page, "Show me some HTML.");
    assert.equal(await answerSettled(page), "done");
    const answer = lastAnswer(page);
    await answer.locator(".thinking-toggle").click();
    const text = await textOf(answer);
    assert.ok(text.includes(`<img src=x onerror="window.__pwned='img'">`), "raw HTML is visible as text");
    assert.ok(text.includes("<script>window.__pwned='script'</script>"));
    for (const selector of ["img[src='x']", "script", "svg[onload]", "iframe", "[onerror]", "[onload]"]) {
      assert.equal(await answer.locator(selector).count(), 0, `no ${selector} element in the answer`);
    }
    // The javascript: link keeps its text and loses its target.
    const link = answer.locator(".answer a", { hasText: "link" });
    assert.equal(await link.getAttribute("href"), null);
    await link.click();
    // The KaTeX \href with a javascript: URL is not a link either (trust: false).
    assert.equal(await answer.locator("a[href^='javascript']").count(), 0);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    // The Markdown image points elsewhere: the page's CSP keeps it from loading (no request leaves).
    await page.waitForFunction(() => (window as unknown as { __blocked?: string[] }).__blocked != null);
    const blocked = await page.evaluate(() => (window as unknown as { __blocked: string[] }).__blocked);
    assert.ok(blocked.includes("http://tracker.invalid/p.png"), `the CSP refused the image: ${blocked}`);
    assert.deepEqual(foreignRequests, []);
    const csp = (await page.request.get(server.url)).headers()["content-security-policy"] ?? "";
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /img-src 'self' data: blob:/);
  });

  test("Enter that confirms an IME composition does not send; a plain Enter does", async () => {
    await page.getByRole("button", { name: "New chat" }).click();
    const input = page.getByRole("textbox", { name: "Message" });
    await input.focus();
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST" && request.url().includes("/api/")) posts.push(request.url());
    });
    // Chromium's own IME path: composing "ni" → 你, confirmed with Enter (keydown: isComposing, keyCode 229).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "ni", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.imeSetComposition", { text: "你好", selectionStart: 2, selectionEnd: 2 });
    await cdp.send("Input.dispatchKeyEvent", {
      type: "rawKeyDown",
      key: "Enter",
      code: "Enter",
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    await cdp.send("Input.insertText", { text: "你好" });
    await cdp.send("Input.dispatchKeyEvent", {
      type: "keyUp",
      key: "Enter",
      code: "Enter",
      windowsVirtualKeyCode: 13,
    });
    // Safari's order: the confirming keydown after compositionend, marked only by keyCode 229.
    await cdp.send("Input.dispatchKeyEvent", {
      type: "rawKeyDown",
      key: "Enter",
      code: "Enter",
      windowsVirtualKeyCode: 229,
      nativeVirtualKeyCode: 229,
    });
    assert.equal(await input.inputValue(), "你好");
    // Shift+Enter is a newline, never a send.
    await input.press("Shift+Enter");
    await input.pressSequentially("世界");
    assert.equal(await input.inputValue(), "你好\n世界");
    assert.deepEqual(posts, [], "nothing was sent while composing");
    assert.equal(page.url(), `${server.url}/`);

    await input.press("Enter");
    await page.getByRole("article", { name: "Question" }).getByText("你好").waitFor();
    assert.equal(await answerSettled(page), "done");
    assert.equal(await input.inputValue(), "");
    await page.getByRole("link", { name: "你好" }).waitFor();
  });

  test("controls are labelled and the conversation is a log region", async () => {
    await page.getByRole("log", { name: "Conversation" }).waitFor();
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, textarea, select, a[href]")]
        .filter((el) => (el as HTMLElement).offsetParent !== null)
        .filter((el) => {
          const labelled = el.getAttribute("aria-label") ?? el.getAttribute("aria-labelledby");
          const text = el.textContent?.trim();
          const forLabel = el.id !== "" && document.querySelector(`label[for="${el.id}"]`) != null;
          return !labelled && !text && !forLabel && !el.closest("label");
        })
        .map((el) => el.outerHTML.slice(0, 80)),
    );
    assert.deepEqual(unlabelled, []);
    // The settings dialog takes focus and gives it back.
    const settings = page.getByRole("button", { name: "Settings" });
    await settings.click();
    const dialog = page.getByRole("dialog", { name: "Settings" });
    await dialog.waitFor();
    assert.ok(
      await dialog.evaluate((el) => el.contains(document.activeElement)),
      "focus moved into the dialog",
    );
    await dialog.getByText("Recommended: 0.5–0.7").waitFor();
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    assert.ok(await settings.evaluate((el) => el === document.activeElement), "focus returned to the button");
  });
});
