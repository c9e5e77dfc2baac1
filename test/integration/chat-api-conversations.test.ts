/**
 * The chat app's JSON API without a browser: conversations (create, list, search, rename, delete),
 * branches (regenerate, edit), what the engine is asked (answers only, never earlier reasoning; the
 * DeepThink, budget and temperature settings), settings, export, errors in the server's one shape, and
 * the page served at `/` with its CSP.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { Engine } from "../../src/engine/spec.js";
import type { NormalizedRequest } from "../../src/protocol/index.js";
import type { Conversation, ConversationDetail } from "../../src/server/chat-app/chat-wire.js";
import { chatApi } from "../browser/chat-api.js";
import { type ChatServer, startChatServer } from "../browser/chat-server.js";

const REPLY = "<think>\nTwo and two make four.</think>\n\nThe answer is **4**.";
const ANSWER = "The answer is **4**.";

/** Records each request the real engine is given. */
function recording(requests: NormalizedRequest[]) {
  return (engine: Engine): Engine => ({
    info: () => engine.info(),
    stats: () => engine.stats(),
    close: () => engine.close(),
    generate(request, signal) {
      requests.push(request);
      return engine.generate(request, signal);
    },
  });
}

describe("chat API: conversations, branches, settings, export", () => {
  let server: ChatServer;
  let api: ReturnType<typeof chatApi>;
  const requests: NormalizedRequest[] = [];
  before(async () => {
    server = await startChatServer({ reply: REPLY, wrapEngine: recording(requests) });
    api = chatApi(server.url);
  });
  after(() => server?.close());

  test("a conversation is titled from its first question and listed newest first", async () => {
    const first = await api.create();
    assert.equal(first.title, "");
    const sent = await api.ask(first.id, "  What is 2 + 2?\nShow your work.  ");
    assert.equal(sent.status, 201);
    assert.equal(sent.body.conversation.title, "What is 2 + 2?");
    await api.settled(first.id, sent.body.assistant.id);
    const second = await api.create();
    await api.ask(second.id, `${"A very long question ".repeat(10)}end`);
    const list = (await api.call<{ conversations: Conversation[] }>("GET", "/api/conversations")).body
      .conversations;
    assert.deepEqual(
      list.map((c) => c.id),
      [second.id, first.id],
    );
    assert.ok(list[0]!.title.length <= 80 && list[0]!.title.endsWith("…"), list[0]!.title);
  });

  test("search by title, with % and _ taken literally", async () => {
    const c = await api.create();
    await api.call("PATCH", `/api/conversations/${c.id}`, { title: "100% done_ok" });
    const search = async (q: string) =>
      (
        await api.call<{ conversations: Conversation[] }>(
          "GET",
          `/api/conversations?q=${encodeURIComponent(q)}`,
        )
      ).body.conversations;
    assert.deepEqual(
      (await search("% done_")).map((x) => x.id),
      [c.id],
    );
    assert.deepEqual(await search("0%_"), []);
    assert.equal((await search("what is")).length, 1, "case-insensitive");
  });

  test("rename, switch branch, delete; unknown ids are JSON 404s", async () => {
    const c = await api.create();
    const renamed = await api.call<Conversation>("PATCH", `/api/conversations/${c.id}`, {
      title: "  Renamed  ",
    });
    assert.equal(renamed.body.title, "Renamed");
    const foreign = await api.call<{ error: { code: string } }>("PATCH", `/api/conversations/${c.id}`, {
      currentLeafId: "nope",
    });
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.error.code, "message_not_found");
    assert.equal((await api.call("DELETE", `/api/conversations/${c.id}`)).status, 204);
    const gone = await api.call<{ error: { code: string; type: string } }>(
      "GET",
      `/api/conversations/${c.id}`,
    );
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body.error.code, "conversation_not_found");
    assert.equal(gone.body.error.type, "not_found_error");
    assert.equal((await api.call("DELETE", `/api/conversations/${c.id}`)).status, 404);
  });

  test("bad bodies are 400s naming the field", async () => {
    const c = await api.create();
    const empty = await api.call<{ error: { param: string } }>(
      "POST",
      `/api/conversations/${c.id}/messages`,
      {
        content: "   ",
      },
    );
    assert.equal(empty.status, 400);
    assert.equal(empty.body.error.param, "content");
    const extra = await api.call<{ error: { message: string } }>(
      "POST",
      `/api/conversations/${c.id}/messages`,
      {
        content: "hi",
        stream: true,
      },
    );
    assert.equal(extra.status, 400, "unknown fields are refused");
    const notJson = await api.call("POST", `/api/conversations/${c.id}/messages`, "{nope");
    assert.equal(notJson.status, 400);
    const badParent = await api.call<{ error: { param: string } }>(
      "POST",
      `/api/conversations/${c.id}/messages`,
      {
        content: "hi",
        parentId: "missing",
      },
    );
    assert.equal(badParent.status, 400);
    assert.equal(badParent.body.error.param, "parentId");
  });

  test("later turns send answers only, with the DeepThink, budget and temperature settings", async () => {
    const c = await api.create();
    const first = await api.ask(c.id, "Turn one");
    await api.settled(c.id, first.body.assistant.id);
    await api.settings({ temperature: 0.55, thinkingBudget: 300 });
    requests.length = 0;
    const second = await api.ask(c.id, "Turn two", { parentId: first.body.assistant.id });
    await api.settled(c.id, second.body.assistant.id);
    const request = requests[0]!;
    assert.deepEqual(request.messages, [
      { role: "user", content: "Turn one" },
      { role: "assistant", content: ANSWER },
      { role: "user", content: "Turn two" },
    ]);
    assert.ok(!JSON.stringify(request.messages).includes("Two and two"), "no earlier reasoning");
    assert.deepEqual(request.thinking, { type: "budget", tokens: 300 });
    assert.equal(request.sampling.temperature, 0.55);

    await api.settings({ temperature: 0.6, thinkingBudget: null });
    const third = await api.ask(c.id, "No thinking", { parentId: first.body.assistant.id, deepThink: false });
    const off = await api.settled(c.id, third.body.assistant.id);
    assert.deepEqual(requests.at(-1)!.thinking, { type: "off" });
    assert.equal(off.thinking, "off");
    assert.equal(off.reasoning, "");
    assert.equal(off.thinkingMs, null);
    assert.equal(off.content, ANSWER);
  });

  test("regenerate answers again beside the old answer; an edit asks again beside the old question", async () => {
    const c = await api.create();
    const first = await api.ask(c.id, "Original", { deepThink: false });
    await api.settled(c.id, first.body.assistant.id);
    const again = await api.regenerate(first.body.assistant.id, false);
    assert.equal(again.status, 201);
    assert.equal(again.body.assistant.parentId, first.body.user!.id);
    await api.settled(c.id, again.body.assistant.id);
    const edit = await api.ask(c.id, "Edited", { parentId: null, deepThink: false });
    await api.settled(c.id, edit.body.assistant.id);
    const detail = await api.detail(c.id);
    assert.equal(detail.messages.filter((m) => m.role === "user" && m.parentId === null).length, 2);
    assert.equal(detail.messages.filter((m) => m.parentId === first.body.user!.id).length, 2);
    assert.equal(detail.conversation.currentLeafId, edit.body.assistant.id);
    const back = await api.call<{ currentLeafId: string }>("PATCH", `/api/conversations/${c.id}`, {
      currentLeafId: again.body.assistant.id,
    });
    assert.equal(back.body.currentLeafId, again.body.assistant.id);
    assert.equal((await api.regenerate(first.body.user!.id)).status, 400, "a question is not regenerated");
  });

  test("settings: defaults from the README, partial updates, validation", async () => {
    const defaults = await api.call<Record<string, unknown>>("GET", "/api/settings");
    assert.deepEqual(defaults.body, {
      deepThink: true,
      thinkingBudget: null,
      temperature: 0.6,
      thinkingPanel: "auto",
      theme: "system",
      webSearch: false,
      model: null,
    });
    const saved = await api.settings({ temperature: 0.5, thinkingBudget: 2048 });
    assert.equal(saved.body.temperature, 0.5);
    assert.equal(saved.body.thinkingBudget, 2048);
    assert.equal(saved.body.deepThink, true);
    assert.equal((await api.call("PUT", "/api/settings", { temperature: 3 })).status, 400);
    assert.equal((await api.call("PUT", "/api/settings", { colour: "red" })).status, 400);
    await api.settings({ temperature: 0.6, thinkingBudget: null });
  });

  test("export: Markdown of the branch with its reasoning, JSON of every message", async () => {
    const c = await api.create();
    const sent = await api.ask(c.id, "What is 2 + 2?");
    await api.settled(c.id, sent.body.assistant.id);
    const md = await fetch(`${server.url}/api/conversations/${c.id}/export?format=markdown`);
    assert.equal(md.headers.get("content-type"), "text/markdown; charset=utf-8");
    assert.equal(md.headers.get("content-disposition"), 'attachment; filename="what-is-2-2.md"');
    const text = await md.text();
    assert.match(text, /^# What is 2 \+ 2\?\n/);
    assert.match(
      text,
      /## You\n\nWhat is 2 \+ 2\?\n\n## Assistant \(r1-test\)\n\n<details>\n<summary>Thought for [\d.]+ seconds<\/summary>\n\n> Two and two make four\.\n\n<\/details>\n\nThe answer is \*\*4\*\*\.\n$/,
    );
    const json = (await (
      await fetch(`${server.url}/api/conversations/${c.id}/export?format=json`)
    ).json()) as {
      format: string;
      messages: ConversationDetail["messages"];
    };
    assert.equal(json.format, "deepthink.conversation.v1");
    const answer = json.messages.find((m) => m.role === "assistant")!;
    assert.equal(answer.reasoning, "Two and two make four.");
    assert.equal(answer.content, "The answer is **4**.");
    assert.ok(answer.completionTokens! > 0 && answer.tokensPerSecond! > 0 && answer.thinkingMs! > 0);
    assert.equal((await fetch(`${server.url}/api/conversations/${c.id}/export?format=pdf`)).status, 400);
  });

  test("the page: index.html with a CSP at / and at app paths; API and asset misses stay 404", async () => {
    for (const path of ["/", "/c/anything"]) {
      const page = await fetch(`${server.url}${path}`);
      assert.equal(page.status, 200);
      assert.match(page.headers.get("content-type") ?? "", /^text\/html/);
      assert.match(page.headers.get("content-security-policy") ?? "", /script-src 'self'/);
      assert.match(await page.text(), /<div id="root">/);
    }
    const api404 = await fetch(`${server.url}/api/nothing`);
    assert.equal(api404.status, 404);
    assert.equal(((await api404.json()) as { error: { code: string } }).error.code, "unknown_route");
    assert.equal((await fetch(`${server.url}/assets/missing.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/%2e%2e/package.json`)).status, 404);
    assert.equal((await fetch(`${server.url}/v1/models`)).status, 200, "the OpenAI routes keep working");
  });
});
