/**
 * The chat app's settings: one row per key in SQLite, read through a zod schema so a stale or hand-edited
 * value falls back to its default instead of breaking the app. Defaults follow the R1 README's usage
 * recommendations (think, temperature 0.6).
 */
import { z } from "zod";
import { RECOMMENDED_SAMPLING } from "../../protocol/index.js";
import type { ChatStore } from "../../store/chat-store.js";
import type { ChatSettings } from "./chat-wire.js";

export const DEFAULT_CHAT_SETTINGS: Readonly<ChatSettings> = {
  deepThink: true,
  thinkingBudget: null,
  temperature: RECOMMENDED_SAMPLING.temperature,
  thinkingPanel: "auto",
  theme: "system",
  webSearch: false,
  model: null,
};

const fields = {
  deepThink: z.boolean(),
  thinkingBudget: z.number().int().min(1).max(1_000_000).nullable(),
  temperature: z.number().min(0).max(2),
  thinkingPanel: z.enum(["auto", "expanded", "collapsed"]),
  theme: z.enum(["system", "light", "dark"]),
  webSearch: z.boolean(),
  model: z.string().min(1).max(200).nullable(),
} satisfies Record<keyof ChatSettings, z.ZodType>;

/** A `PUT /api/settings` body: any subset of the settings; unknown keys are refused. */
export const SettingsPatchSchema = z.strictObject(fields).partial();

export function loadSettings(store: ChatStore): ChatSettings {
  const saved = store.settings();
  const settings: Record<string, unknown> = { ...DEFAULT_CHAT_SETTINGS };
  for (const [key, schema] of Object.entries(fields)) {
    const parsed = schema.safeParse(saved[key]);
    if (parsed.success) settings[key] = parsed.data;
  }
  return settings as unknown as ChatSettings;
}

export function saveSettings(store: ChatStore, patch: Partial<ChatSettings>): ChatSettings {
  store.saveSettings(patch);
  return loadSettings(store);
}
