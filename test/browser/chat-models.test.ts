/**
 * Several models at once (docs/webapp.md, "Models"): a server with two scripted engines side by side
 * lists both in `/api/models` and in the header's picker; picking the second makes it answer (its own
 * scripted reply, its id saved on the answer), and the choice is a setting that survives a reload.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Browser, Page } from "playwright-core";
import { createLlamaCppEngine } from "../../src/engine/llama-cpp/index.js";
import { createModelSet, hostFromEngine } from "../../src/server/index.js";
import { scriptedModelPath } from "../helpers/test-models.js";
import { chromiumAvailable, launchChromium } from "./browser.js";
import { chatApi } from "./chat-api.js";
import { type ChatServer, startChatServer } from "./chat-server.js";
import { answerSettled, ask, lastAnswer, textOf, WAIT_MS } from "./page-helpers.js";

const engineFor = async (modelId: string, reply: string) =>
  createLlamaCppEngine({
    modelPath: await scriptedModelPath({ reply }),
    modelId,
    threads: 1,
    contextSize: 1024,
    parallel: 1,
    gpu: false,
  });

describe("choosing a model in the chat app", {
  skip: !chromiumAvailable() && "no Chromium at /usr/bin/chromium",
}, () => {
  let server: ChatServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    const [first, second] = await Promise.all([
      engineFor("r1-first", "<think>\nA.</think>\n\nAnswer from the first model."),
      engineFor("r1-second", "<think>\nB.</think>\n\nAnswer from the second model."),
    ]);
    const host = createModelSet([hostFromEngine(first), hostFromEngine(second)]);
    await host.settled();
    [server, browser] = await Promise.all([startChatServer({ host }), launchChromium()]);
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test("/api/models lists every served model, the default first", async () => {
    const { status, body } = await chatApi(server.url).call<{ models: Array<Record<string, unknown>> }>(
      "GET",
      "/api/models",
    );
    assert.equal(status, 200);
    assert.deepEqual(
      body.models.map((m) => [m["id"], m["state"], m["isDefault"]]),
      [
        ["r1-first", "ready", true],
        ["r1-second", "ready", false],
      ],
    );
  });

  test("the default answers until the picker chooses another, and the choice is kept", async () => {
    await page.goto(server.url);
    const picker = page.getByRole("combobox", { name: "Model" });
    await picker.waitFor();
    assert.deepEqual(await picker.locator("option").allTextContents(), ["r1-first", "r1-second"]);
    assert.equal(await picker.inputValue(), "r1-first");
    await ask(page, "Who answers?");
    assert.equal(await answerSettled(page), "done");
    assert.ok((await textOf(lastAnswer(page))).includes("Answer from the first model."));

    await Promise.all([
      page.waitForResponse((r) => r.url().endsWith("/api/settings") && r.request().method() === "PUT"),
      picker.selectOption("r1-second"),
    ]);
    await ask(page, "And now?");
    await page.waitForFunction(() => document.querySelectorAll("article.assistant").length === 2);
    assert.equal(await answerSettled(page), "done");
    assert.ok((await textOf(lastAnswer(page))).includes("Answer from the second model."));

    const conversationId = new URL(page.url()).pathname.split("/").pop() ?? "";
    const answers = (await chatApi(server.url).detail(conversationId)).messages.filter(
      (m) => m.role === "assistant",
    );
    assert.deepEqual(
      answers.map((m) => m.model),
      ["r1-first", "r1-second"],
    );

    await page.reload();
    await page.getByRole("combobox", { name: "Model" }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Model" }).inputValue(), "r1-second");
  });

  test("a question may name its model; an unknown one is refused and saves nothing", async () => {
    const api = chatApi(server.url);
    await api.settings({ model: null });
    const conversation = await api.create();
    const asked = await api.call<{ assistant: { id: string; model: string } }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content: "Hi", model: "r1-second" },
    );
    assert.equal(asked.status, 201);
    assert.equal(asked.body.assistant.model, "r1-second");
    await api.settled(conversation.id, asked.body.assistant.id);
    const unknown = await api.call<{ error: { code: string } }>(
      "POST",
      `/api/conversations/${conversation.id}/messages`,
      { content: "Hi", model: "nope", parentId: asked.body.assistant.id },
    );
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, "model_not_found");
    assert.equal((await api.detail(conversation.id)).messages.length, 2);
  });
});
