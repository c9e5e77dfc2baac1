/**
 * The chat settings, kept on the server (so every browser and the next visit agree). Changes show at
 * once and are saved behind; the theme applies to the page as `data-theme` (absent: follow the system).
 */
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { ChatSettings } from "../api/wire";

const DEFAULTS: ChatSettings = {
  deepThink: true,
  thinkingBudget: null,
  temperature: 0.6,
  thinkingPanel: "auto",
  theme: "system",
  webSearch: false,
  model: null,
};

export function useSettings() {
  const [settings, setSettings] = useState<ChatSettings>(DEFAULTS);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    api.settings().then(setSettings, () => {});
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    if (settings.theme === "system") root.removeAttribute("data-theme");
    else root.setAttribute("data-theme", settings.theme);
  }, [settings.theme]);

  const update = useCallback((patch: Partial<ChatSettings>) => {
    setSettings((current) => ({ ...current, ...patch }));
    api.saveSettings(patch).then(
      (saved) => {
        setError(null);
        setSettings(saved);
      },
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);

  return { settings, update, error };
}
