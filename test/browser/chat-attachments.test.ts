/**
 * Files in the chat app: attached through the composer's file input (on the new-chat page, the one a
 * first question is typed on), sent with the question in the README's file template, shown as chips on
 * the question, and a file cut to fit the context shown as a visible notice.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { chatApi } from "./chat-api.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import { answerSettled, ask, textOf, WAIT_MS } from "./page-helpers.js";

const REPLY = "<think>\nReading.</think>\n\nThe notes say 4711.";

describe("file attachments in the chat app", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let server: ChatServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [server, browser] = await Promise.all([
      startChatServer({ reply: REPLY, contextSize: 4096, parallel: 1 }),
      launchChromium(),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  const questions = (conversationId: string) =>
    chatApi(server.url)
      .detail(conversationId)
      .then((d) => d.messages.filter((m) => m.role === "user"));

  test("a file attached on the new-chat page reaches the model and shows on the question", async () => {
    await page.goto(server.url);
    // The new-chat page has the attach button and the Search toggle, like a conversation.
    await page.getByRole("button", { name: "Attach files" }).waitFor();
    await page.getByRole("button", { name: "Search" }).waitFor();
    await page.getByTestId("attach-input").setInputFiles({
      name: "notes.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("Falcon's code is 4711.\n"),
    });
    const pending = page.locator("form.composer .attachment-chip");
    await pending.waitFor();
    assert.ok((await textOf(pending)).includes("notes.txt"));
    await ask(page, "What do my notes say?");
    assert.equal(await answerSettled(page), "done");
    // Sent: the composer's chips are gone; the question shows the file.
    assert.equal(await pending.count(), 0);
    const chip = page.getByRole("article", { name: "Question" }).locator(".attachment-chip");
    await chip.waitFor();
    assert.ok((await textOf(chip)).includes("notes.txt"));

    const conversationId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const [question] = await questions(conversationId);
    assert.ok(
      question?.prompt?.includes("[file name]: notes.txt\n[file content begin]\nFalcon's code is 4711."),
      question?.prompt ?? "no prompt",
    );
    assert.ok(question?.prompt?.includes("What do my notes say?"));
    assert.deepEqual(
      question?.attachments.map((a) => a.name),
      ["notes.txt"],
    );
    assert.equal(await page.locator(".composer-notice").count(), 0, "nothing was cut, no notice");

    // After a reload the question still shows its file.
    await page.reload();
    await page.getByRole("article", { name: "Question" }).locator(".attachment-chip").waitFor();
  });

  test("a file cut to fit the context is said so", async () => {
    // ~1 token per byte and 4,096 tokens of context, half kept for the answer: 6,000 bytes cannot fit.
    const long = Array.from({ length: 150 }, (_, i) => `Line ${i + 1}: the falcon flies on.`).join("\n");
    await page.getByTestId("attach-input").setInputFiles({
      name: "long.txt",
      mimeType: "text/plain",
      buffer: Buffer.from(long),
    });
    await page.locator("form.composer .attachment-chip").waitFor();
    await ask(page, "Summarise the long file.");
    const notice = page.locator(".composer-notice");
    await notice.waitFor();
    assert.match(await textOf(notice), /long\.txt was cut to fit the context: \d+ of \d+ tokens kept\./);
    assert.equal(await answerSettled(page), "done");
    await notice.getByRole("button", { name: "Dismiss" }).click();
    assert.equal(await notice.count(), 0);
  });
});
