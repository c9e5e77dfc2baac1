/**
 * `GET/PUT /api/settings` (DeepThink, thinking budget, temperature, thinking panel, theme) and
 * `GET /api/status`: which model is loaded, loading or download progress, or why there is none and how
 * to fix it — the app's banner reads this.
 */
import type { Hono } from "hono";
import type { ChatStore } from "../../store/chat-store.js";
import type { AppEnv } from "../app-env.js";
import type { ModelHost } from "../model-host.js";
import { hostsOf } from "../model-set.js";
import { loadSettings, SettingsPatchSchema, saveSettings } from "./chat-settings.js";
import type { ChatModel, ModelStatus } from "./chat-wire.js";
import { parseBody } from "./parse-body.js";

export function settingsStatusRoutes(app: Hono<AppEnv>, deps: { store: ChatStore; host: ModelHost }): void {
  const { store, host } = deps;
  app.get("/api/settings", (c) => c.json(loadSettings(store)));

  app.put("/api/settings", async (c) => {
    const patch = await parseBody(c, SettingsPatchSchema);
    return c.json(saveSettings(store, patch));
  });

  app.get("/api/models", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json({ models: chatModels(host) });
  });

  app.get("/api/status", (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(modelStatus(host));
  });
}

/** Every model the server serves, the default first; one still loading has no name yet and is left out. */
export function chatModels(host: ModelHost): ChatModel[] {
  return hostsOf(host).flatMap((h, index) => {
    const names = h.names();
    if (names == null) return [];
    return [{ id: names.id, aliases: names.aliases, state: h.status().state, isDefault: index === 0 }];
  });
}

export function modelStatus(host: ModelHost): ModelStatus {
  const status = host.status();
  if (status.state === "loading") {
    return {
      state: "loading",
      message: status.message,
      ...(status.progress != null ? { progress: status.progress } : {}),
    };
  }
  if (status.state === "error") {
    return { state: "error", message: status.message, ...(status.hint != null ? { hint: status.hint } : {}) };
  }
  const engine = host.engine();
  const names = host.names();
  const info = engine?.info();
  const stats = engine?.stats();
  return {
    state: "ready",
    modelId: status.modelId,
    ...(names != null ? { aliases: names.aliases } : {}),
    ...(info != null ? { contextSize: info.contextSize, parallel: info.parallel } : {}),
    ...(stats != null ? { busySlots: stats.busySlots, queueDepth: stats.queueDepth } : {}),
  };
}
