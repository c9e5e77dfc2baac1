/** The empty page of a new chat: a greeting and the composer; the conversation is created on sending. */
import type { ChatSettings } from "../api/wire";
import { Composer } from "./composer";

export interface NewChatProps {
  settings: ChatSettings;
  modelId: string | null;
  blockedReason: string | null;
  onDeepThink: (on: boolean) => void;
  onAsk: (text: string) => Promise<boolean>;
}

export function NewChat({ settings, modelId, blockedReason, onDeepThink, onAsk }: NewChatProps) {
  return (
    <>
      <div className="message-scroller welcome">
        <div className="welcome-inner">
          <h2>How can I help you today?</h2>
          <p className="muted">
            {modelId != null ? `${modelId} runs on this machine.` : "The model runs on this machine."} With
            DeepThink on it reasons first, and you can watch it think.
          </p>
        </div>
      </div>
      <Composer
        streaming={false}
        blockedReason={blockedReason}
        deepThink={settings.deepThink}
        onDeepThink={onDeepThink}
        onSend={onAsk}
        onStop={() => {}}
      />
    </>
  );
}
