/**
 * `mountChatApp(app, deps)`: the chat web app on an existing Hono app — its JSON API under `/api`
 * (conversations, messages, settings, model status) and the built React app at `/`. Call it after the
 * OpenAI routes, so `/v1/…` keeps its own handlers; the returned `close()` stops running answers and
 * waits until each is saved (call it before closing the database).
 */
import type { Hono } from "hono";
import type { Logger } from "pino";
import { searchConfigFromEnv } from "../../search/search-config.js";
import { ChatStore } from "../../store/chat-store.js";
import type { Database } from "../../store/open-database.js";
import type { AppEnv, Clock } from "../app-env.js";
import type { OpenSearch } from "../augment-request.js";
import type { ModelHost } from "../model-host.js";
import { ChatService } from "./chat-service.js";
import { conversationRoutes } from "./conversation-routes.js";
import { GenerationRegistry } from "./generation-registry.js";
import { messageRoutes } from "./message-routes.js";
import { settingsStatusRoutes } from "./settings-status-routes.js";
import { findWebRoot, staticAppRoutes } from "./static-app.js";

export interface ChatAppDeps {
  host: ModelHost;
  /** An open deepthink database (`openDatabase`), migrations applied. */
  db: Database;
  clock: Clock;
  idGenerator: () => string;
  logger?: Logger;
  /** The built app (`dist/web`); found next to the package when absent; null serves no page. */
  webRoot?: string | null;
  /** How often a streaming answer is saved (ms); default 250. */
  persistEveryMs?: number;
  /** Web search for questions asked with it on; default: the settings in this process's environment. */
  openSearch?: OpenSearch;
}

export interface ChatApp {
  /** Stops every running answer and waits until each has saved what it generated. */
  close(): Promise<void>;
}

export function mountChatApp(app: Hono<AppEnv>, deps: ChatAppDeps): ChatApp {
  const { host, clock, logger } = deps;
  const store = new ChatStore(deps.db, { now: () => new Date(clock.now()) });
  // Answers that were streaming when the last process died end here: what was saved stays, marked stopped.
  const interrupted = store.interruptStreaming();
  if (interrupted > 0) logger?.info({ interrupted }, "chat: marked answers cut off by a restart as stopped");
  const registry = new GenerationRegistry({
    sink: store,
    clock,
    persistEveryMs: deps.persistEveryMs ?? 250,
    onFault: (error) => logger?.error({ err: error }, "chat: a generation failed"),
  });
  const service = new ChatService({
    store,
    registry,
    host,
    idGenerator: deps.idGenerator,
    openSearch: deps.openSearch ?? ((provider) => searchConfigFromEnv(process.env, { provider })),
  });

  conversationRoutes(app, { store, service, clock, idGenerator: deps.idGenerator });
  messageRoutes(app, { store, service, registry });
  settingsStatusRoutes(app, { store, host });
  const webRoot = deps.webRoot === null ? undefined : (deps.webRoot ?? findWebRoot());
  staticAppRoutes(app, webRoot);
  return { close: () => registry.close() };
}
