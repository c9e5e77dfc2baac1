/**
 * `/api/conversations`: list and search by title, create, read (every message of every branch), rename or
 * switch branch, delete (stopping its answers first), export as Markdown or JSON.
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { ChatStore } from "../../store/chat-store.js";
import type { AppEnv, Clock } from "../app-env.js";
import type { ChatService } from "./chat-service.js";
import type { ConversationDetail } from "./chat-wire.js";
import { exportConversation } from "./export-conversation.js";
import { notFound, parseBody, parseQuery } from "./parse-body.js";

const CreateSchema = z.strictObject({ title: z.string().max(200).optional() });
const PatchSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  currentLeafId: z.string().min(1).nullable().optional(),
});
const ListQuery = z.object({ q: z.string().max(200).optional() });
const ExportQuery = z.object({ format: z.enum(["markdown", "json"]).default("markdown") });

export interface ConversationRouteDeps {
  store: ChatStore;
  service: ChatService;
  clock: Clock;
  idGenerator: () => string;
}

export function conversationRoutes(app: Hono<AppEnv>, deps: ConversationRouteDeps): void {
  const { store, service } = deps;

  app.get("/api/conversations", (c) => {
    const { q } = parseQuery(c, ListQuery);
    return c.json({ conversations: store.listConversations(q?.trim() ?? "") });
  });

  app.post("/api/conversations", async (c) => {
    const body = await parseBody(c, CreateSchema);
    return c.json(store.createConversation(deps.idGenerator(), body.title?.trim() ?? ""), 201);
  });

  app.get("/api/conversations/:id", (c) => {
    const conversation = service.conversationOrThrow(c.req.param("id"));
    const detail: ConversationDetail = { conversation, messages: store.messages(conversation.id) };
    return c.json(detail);
  });

  app.patch("/api/conversations/:id", async (c) => {
    const id = c.req.param("id");
    const body = await parseBody(c, PatchSchema);
    if (body.currentLeafId != null) {
      const leaf = store.message(body.currentLeafId);
      if (leaf == null || leaf.conversationId !== id) throw notFound("message", body.currentLeafId);
    }
    const updated = store.updateConversation(id, body);
    if (updated == null) throw notFound("conversation", id);
    return c.json(updated);
  });

  app.delete("/api/conversations/:id", (c) => {
    service.deleteConversation(c.req.param("id"));
    return c.body(null, 204);
  });

  app.get("/api/conversations/:id/export", (c) => {
    const { format } = parseQuery(c, ExportQuery);
    const conversation = service.conversationOrThrow(c.req.param("id"));
    const file = exportConversation(
      conversation,
      store.messages(conversation.id),
      format,
      new Date(deps.clock.now()),
    );
    return c.body(file.body, 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    });
  });
}
