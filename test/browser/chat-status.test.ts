/**
 * The model banner: progress while the model loads or downloads, and when there is no model, the reason
 * and the fix; sending stays off until a model is ready.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser } from "playwright-core";
import { DeepthinkError } from "../../src/errors.js";
import { createModelHost } from "../../src/server/index.js";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { startChatServer } from "./chat-server.js";
import { textOf, WAIT_MS } from "./page-helpers.js";

describe("chat app model status", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test("while the model downloads, the banner shows its progress and sending waits", async () => {
    const host = createModelHost(
      (context) =>
        new Promise((_, reject) => {
          context.report({ message: "downloading r1-distill-qwen-1.5b", progress: 0.42 });
          context.signal.addEventListener("abort", () => reject(new Error("closed")));
        }),
    );
    const server = await startChatServer({ host });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(server.url);
      const banner = page.getByRole("status").filter({ hasText: "Loading the model" });
      await banner.waitFor();
      assert.match(await textOf(banner), /downloading r1-distill-qwen-1\.5b\s+42%/);
      assert.equal(await banner.getByRole("progressbar").getAttribute("value"), "42");
      await page.getByRole("textbox", { name: "Message" }).fill("Hello?");
      assert.equal(await page.getByRole("button", { name: "Send" }).isDisabled(), true);
      await page.close();
    } finally {
      await server.close();
    }
  });

  test("without a model, the banner says why and how to fix it", async () => {
    const host = createModelHost(async () => {
      throw new DeepthinkError(
        "model_not_found",
        "r1-distill-qwen-1.5b is not downloaded and the network is unreachable.",
        {
          hint: "Run `deepthink pull r1-distill-qwen-1.5b` where the network is reachable.",
        },
      );
    });
    const server = await startChatServer({ host });
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(WAIT_MS);
      await page.goto(server.url);
      const banner = page.getByRole("alert").filter({ hasText: "No model is loaded" });
      await banner.waitFor();
      const text = await textOf(banner);
      assert.match(text, /not downloaded and the network is unreachable/);
      assert.match(text, /deepthink pull r1-distill-qwen-1\.5b/);
      assert.match(text, /deepthink serve --model \/path\/to\/model\.gguf/);
      await page.getByRole("textbox", { name: "Message" }).fill("Hello?");
      assert.equal(await page.getByRole("button", { name: "Send" }).isDisabled(), true);
      // The API says the same to anything that tries anyway.
      const created = (await (
        await fetch(`${server.url}/api/conversations`, { method: "POST", body: "{}" })
      ).json()) as {
        id: string;
      };
      const refused = await fetch(`${server.url}/api/conversations/${created.id}/messages`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ content: "Hello?" }),
      });
      assert.equal(refused.status, 503);
      await page.close();
    } finally {
      await server.close();
    }
  });
});
