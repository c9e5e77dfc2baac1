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
  /** Off or on for this question; the saved setting when absent. */
  webSearch: z.boolean().optional(),
  /** A served model's id or alias for this question; the saved setting (or the default) when absent. */
  model: z.string().min(1).max(200).optional(),
  files: z
    .array(z.strictObject({ name: z.string().min(1), data: z.string(), mimeType: z.string().optional() }))
    .optional(),
});

/** Files travel as base64 in the question's body: room for the per-message file limit (50 MiB) as base64. */
const ASK_MAX_BYTES = 70 * 1024 * 1024;
const RegenerateSchema = z.strictObject({
  deepThink: z.boolean().optional(),
  model: z.string().min(1).max(200).optional(),
});

export interface MessageRouteDeps {
  store: ChatStore;
  service: ChatService;
  registry: GenerationRegistry;
}

export function messageRoutes(app: Hono<AppEnv>, { store, service, registry }: MessageRouteDeps): void {
  app.post("/api/conversations/:id/messages", async (c) => {
    const body = await parseBody(c, AskSchema, false, ASK_MAX_BYTES);
    return c.json(await service.ask(c.req.param("id"), body, c.req.raw.signal), 201);
  });

  app.post("/api/messages/:id/regenerate", async (c) => {
    const body = await parseBody(c, RegenerateSchema.optional().default({}), true);
    return c.json(service.regenerate(c.req.param("id"), body.deepThink, body.model), 201);
  });

  app.post("/api/messages/:id/stop", async (c) => {
    return c.json(await service.stop(c.req.param("id")));
  });

  app.get("/api/attachments/:id", (c) => {
    const attachment = store.attachment(c.req.param("id"));
    if (attachment == null) throw notFound("attachment", c.req.param("id"));
    // Always a download, never rendered inline: an uploaded HTML file must not run on the app's origin.
    return c.body(new Uint8Array(attachment.bytes), 200, {
      "Content-Type": "application/octet-stream",
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(attachment.name)}`,
      "X-Content-Type-Options": "nosniff",
    });
  });

  app.get("/api/messages/:id/events", (c) => {
    const id = c.req.param("id");
    const message = store.message(id);
    if (message == null) throw notFound("message", id);
    return c.body(messageEvents(message, registry.get(id)), 200, EVENT_STREAM_HEADERS);
  });
}
