/**
 * Settings in a modal `<dialog>` (focus moves in and back, Esc closes): temperature with the README's
 * recommended 0.5–0.7, a thinking budget, how the thinking panel opens, and the theme.
 */
import { forwardRef, useId } from "react";
import type { ChatSettings, ThemeMode, ThinkingPanelMode } from "../api/wire";
import { CloseIcon } from "./icons";

export interface SettingsDialogProps {
  settings: ChatSettings;
  error: string | null;
  onChange: (patch: Partial<ChatSettings>) => void;
}

export const SettingsDialog = forwardRef<HTMLDialogElement, SettingsDialogProps>(function SettingsDialog(
  { settings, error, onChange },
  ref,
) {
  const id = useId();
  const t = settings.temperature;
  const outside = t < 0.5 || t > 0.7;
  return (
    <dialog ref={ref} className="settings" aria-labelledby={`${id}-title`}>
      <form method="dialog" className="settings-form">
        <header className="settings-header">
          <h2 id={`${id}-title`}>Settings</h2>
          <button type="submit" className="icon-button" aria-label="Close settings">
            <CloseIcon />
          </button>
        </header>

        <label htmlFor={`${id}-temp`}>
          Temperature <output htmlFor={`${id}-temp`}>{t.toFixed(2)}</output>
        </label>
        <input
          id={`${id}-temp`}
          type="range"
          min={0}
          max={1.5}
          step={0.05}
          value={t}
          aria-describedby={`${id}-temp-help`}
          onChange={(e) => onChange({ temperature: Number(e.target.value) })}
        />
        <p id={`${id}-temp-help`} className={outside ? "help warn" : "help"}>
          Recommended: 0.5–0.7 (0.6), as the DeepSeek-R1 README advises; outside it R1 tends to repeat itself
          or ramble.
        </p>

        <fieldset>
          <legend>Thinking budget</legend>
          <label className="inline">
            <input
              type="checkbox"
              checked={settings.thinkingBudget != null}
              onChange={(e) => onChange({ thinkingBudget: e.target.checked ? 4096 : null })}
            />
            Limit thinking
          </label>
          {settings.thinkingBudget != null && (
            <label className="inline">
              <input
                type="number"
                min={1}
                step={256}
                value={settings.thinkingBudget}
                aria-label="Thinking budget in tokens"
                onChange={(e) => {
                  const n = Math.round(Number(e.target.value));
                  if (Number.isFinite(n) && n >= 1) onChange({ thinkingBudget: n });
                }}
              />
              tokens, then the model must answer
            </label>
          )}
        </fieldset>

        <label htmlFor={`${id}-panel`}>Thinking panel</label>
        <select
          id={`${id}-panel`}
          value={settings.thinkingPanel}
          onChange={(e) => onChange({ thinkingPanel: e.target.value as ThinkingPanelMode })}
        >
          <option value="auto">Open while thinking, closed once the answer starts</option>
          <option value="expanded">Always open</option>
          <option value="collapsed">Always closed</option>
        </select>

        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={settings.theme}
          onChange={(e) => onChange({ theme: e.target.value as ThemeMode })}
        >
          <option value="system">Follow the system</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
        {error != null && (
          <p className="help warn" role="alert">
            {error}
          </p>
        )}
      </form>
    </dialog>
  );
});
