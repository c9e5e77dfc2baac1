/**
 * The chat app's real server for tests: the API app (`createApp`) with `mountChatApp` on it, over the real
 * llama.cpp engine on a scripted model (threads 1), a SQLite file in a temp folder, on an ephemeral
 * 127.0.0.1 port. `restart()` brings up a new server on the same database, as after a crash or upgrade.
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createAdaptorServer } from "@hono/node-server";
import pino from "pino";
import { createLlamaCppEngine } from "../../src/engine/llama-cpp/index.js";
import type { Engine } from "../../src/engine/spec.js";
import type { OpenSearch } from "../../src/server/augment-request.js";
import { type ChatApp, mountChatApp } from "../../src/server/chat-app/index.js";
import { createApp, hostFromEngine } from "../../src/server/index.js";
import type { ModelHost } from "../../src/server/model-host.js";
import { type Database, openDatabase } from "../../src/store/open-database.js";
import { scriptedModelPath } from "../helpers/test-models.js";
import { ensureWebBuilt } from "./web-build.js";

export interface ChatServerOptions {
  /** The scripted model's raw output, e.g. `<think>\nhm</think>Hello` (unused with `host`). */
  reply?: string;
  parallel?: number;
  contextSize?: number;
  /** Serve this host instead of one over a scripted model (a host that is loading, or failed). */
  host?: ModelHost;
  /** Wraps the real engine (a test that records the requests it is given). */
  wrapEngine?: (engine: Engine) => Engine;
  /** The chat app's web search (`mountChatApp`'s `openSearch`); default: this process's environment. */
  openSearch?: OpenSearch;
}

export interface ChatServer {
  url: string;
  engine: Engine | undefined;
  dbPath: string;
  db: Database;
  /** A new server (on a new port: read `url` again) on the same engine and database file. */
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startChatServer(options: ChatServerOptions): Promise<ChatServer> {
  ensureWebBuilt();
  const dir = mkdtempSync(join(tmpdir(), "deepthink-chat-"));
  const dbPath = join(dir, "deepthink.db");
  let engine: Engine | undefined;
  let host = options.host;
  if (host == null) {
    engine = await createLlamaCppEngine({
      modelPath: await scriptedModelPath({
        ...(options.reply != null ? { reply: options.reply } : {}),
        // The test model is trained for 4,096 tokens; a larger context needs a model made for it.
        ...(options.contextSize != null && options.contextSize > 4096
          ? { contextLength: options.contextSize }
          : {}),
      }),
      modelId: "r1-test",
      threads: 1,
      contextSize: options.contextSize ?? 2048,
      parallel: options.parallel ?? 2,
      gpu: false,
    });
    host = hostFromEngine(options.wrapEngine?.(engine) ?? engine);
    await host.settled();
  }
  const served = host;
  const listenOn = () => listen(served, dbPath, options.openSearch);
  let running = await listenOn();
  const server: ChatServer = {
    url: running.url,
    engine,
    dbPath,
    db: running.db,
    async restart() {
      await running.stop();
      // A new port: clients' pooled keep-alive sockets to the old server cannot be mistaken for it.
      running = await listenOn();
      server.db = running.db;
      server.url = running.url;
    },
    async close() {
      await running.stop();
      await served.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return server;
}

interface Running {
  url: string;
  db: Database;
  stop(): Promise<void>;
}

async function listen(host: ModelHost, dbPath: string, openSearch?: OpenSearch): Promise<Running> {
  const db = openDatabase(dbPath);
  const logger = pino({ level: "silent" });
  const app = createApp({ models: host, logger });
  const chat: ChatApp = mountChatApp(app, {
    host,
    db,
    clock: { now: () => performance.timeOrigin + performance.now() },
    idGenerator: () => crypto.randomUUID().replaceAll("-", ""),
    logger,
    ...(openSearch != null ? { openSearch } : {}),
  });
  const server = createAdaptorServer({ fetch: app.fetch, hostname: "127.0.0.1" });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    db,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      await chat.close();
      db.close();
    },
  };
}
