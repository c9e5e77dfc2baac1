/**
 * Asking and answering: `POST /api/conversations/:id/messages` asks (an edit is a question with the same
 * parent as the one it replaces), `POST /api/messages/:id/regenerate` answers again, `POST …/stop` stops
 * at once, `GET …/events` follows an answer as it streams. Asking returns as soon as the answer is
 * saved as `streaming`; the generation itself belongs to the server, not to this request.
 */
import type { Hono } from "hono";
import { z } from "zod";
import type { ChatStore } from "../../store/chat-store.js";
import type { AppEnv } from "../app-env.js";
import type { ChatService } from "./chat-service.js";
import { EVENT_STREAM_HEADERS, messageEvents } from "./event-stream.js";
import type { GenerationRegistry } from "./generation-registry.js";
import { notFound, parseBody } from "./parse-body.js";

const AskSchema = z.strictObject({
  content: z.string().trim().min(1, "write a question").max(200_000),
  parentId: z.string().min(1).nullable().default(null),
  deepThink: z.boolean().optional(),
});
const RegenerateSchema = z.strictObject({ deepThink: z.boolean().optional() });

export interface MessageRouteDeps {
  store: ChatStore;
  service: ChatService;
  registry: GenerationRegistry;
}

export function messageRoutes(app: Hono<AppEnv>, { store, service, registry }: MessageRouteDeps): void {
  app.post("/api/conversations/:id/messages", async (c) => {
    const body = await parseBody(c, AskSchema);
    return c.json(service.ask(c.req.param("id"), body), 201);
  });

  app.post("/api/messages/:id/regenerate", async (c) => {
    const body = await parseBody(c, RegenerateSchema.optional().default({}), true);
    return c.json(service.regenerate(c.req.param("id"), body.deepThink), 201);
  });

  app.post("/api/messages/:id/stop", async (c) => {
    return c.json(await service.stop(c.req.param("id")));
  });

  app.get("/api/messages/:id/events", (c) => {
    const id = c.req.param("id");
    const message = store.message(id);
    if (message == null) throw notFound("message", id);
    return c.body(messageEvents(message, registry.get(id)), 200, EVENT_STREAM_HEADERS);
  });
}
