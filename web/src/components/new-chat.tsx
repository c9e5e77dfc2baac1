/** The empty page of a new chat: a greeting and the composer; the conversation is created on sending. */
import type { ChatSettings } from "../api/wire";
import { type AttachedFile, Composer } from "./composer";

export interface NewChatProps {
  settings: ChatSettings;
  modelId: string | null;
  blockedReason: string | null;
  onDeepThink: (on: boolean) => void;
  onWebSearch: (on: boolean) => void;
  onAsk: (text: string, files: AttachedFile[]) => Promise<boolean>;
}

export function NewChat({ settings, modelId, blockedReason, onDeepThink, onWebSearch, onAsk }: NewChatProps) {
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
        webSearch={settings.webSearch}
        onWebSearch={onWebSearch}
        canAttach
        onSend={onAsk}
        onStop={() => {}}
      />
    </>
  );
}
