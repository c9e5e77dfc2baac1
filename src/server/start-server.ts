/**
 * Binds the app to a socket with @hono/node-server. Refuses to listen beyond loopback without an API
 * key unless told so explicitly: a model server on a LAN without auth is an open proxy to your CPU.
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer } from "@hono/node-server";
import { DeepthinkError } from "../errors.js";
import type { AppOptions } from "./app-env.js";
import { createApp } from "./create-app.js";

export interface StartServerOptions extends AppOptions {
  host?: string;
  /** 0 picks a free port (tests). */
  port?: number;
  /** Allow a non-loopback address without API keys. */
  insecureNoAuth?: boolean;
}

export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:8080` (append `/v1` for OpenAI clients). */
  url: string;
  host: string;
  port: number;
  /** Stops accepting and ends open connections. The model host stays with its owner, who closes it. */
  close(): Promise<void>;
}

export const DEFAULT_HOST = "127.0.0.1";
export const DEFAULT_PORT = 8080;

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  return h === "localhost" || h === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function assertBindAllowed(host: string, apiKeys: readonly string[], insecureNoAuth: boolean): void {
  if (isLoopbackHost(host) || apiKeys.length > 0 || insecureNoAuth) return;
  throw new DeepthinkError("invalid_argument", `Refusing to listen on ${host} without an API key.`, {
    hint: "Set --api-key <key> (or DEEPTHINK_API_KEYS), or pass --insecure-no-auth if the network is trusted.",
  });
}

export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const host = options.host ?? DEFAULT_HOST;
  assertBindAllowed(host, options.apiKeys ?? [], options.insecureNoAuth === true);
  const app = createApp(options);
  const server = createAdaptorServer({ fetch: app.fetch, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    host,
    port,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Streams and keep-alive sockets would hold close() open for minutes.
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
    },
  };
}
