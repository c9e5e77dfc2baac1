/** A small typed client for the chat API in tests, over plain fetch (as any script would use it). */
import type {
  ChatMessage,
  ChatSettings,
  Conversation,
  ConversationDetail,
  SendResult,
  StreamEvent,
} from "../../src/server/chat-app/chat-wire.js";

export interface Answer<T> {
  status: number;
  body: T;
  headers: Headers;
}

export function chatApi(base: string) {
  async function call<T>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body !== undefined
        ? {
            headers: { "Content-Type": "application/json" },
            body: typeof body === "string" ? body : JSON.stringify(body),
          }
        : {}),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text !== "" ? JSON.parse(text) : undefined) as T,
    };
  }
  return {
    call,
    create: async () => (await call<Conversation>("POST", "/api/conversations", {})).body,
    detail: async (id: string) => (await call<ConversationDetail>("GET", `/api/conversations/${id}`)).body,
    ask: (id: string, content: string, extra: { parentId?: string | null; deepThink?: boolean } = {}) =>
      call<SendResult>("POST", `/api/conversations/${id}/messages`, { content, ...extra }),
    regenerate: (messageId: string, deepThink?: boolean) =>
      call<SendResult>(
        "POST",
        `/api/messages/${messageId}/regenerate`,
        deepThink != null ? { deepThink } : {},
      ),
    stop: (messageId: string) => call<ChatMessage>("POST", `/api/messages/${messageId}/stop`),
    settings: (patch: Partial<ChatSettings>) => call<ChatSettings>("PUT", "/api/settings", patch),
    /** The events of an answer's stream until `end` (or until `until` says stop reading). */
    async events(messageId: string, until?: (event: StreamEvent) => boolean): Promise<StreamEvent[]> {
      const response = await fetch(`${base}/api/messages/${messageId}/events`);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const events: StreamEvent[] = [];
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return events;
        buffer += value;
        const frames = buffer.split("\n\n");
        buffer = frames.pop() ?? "";
        for (const frame of frames) {
          if (!frame.startsWith("data: ")) continue;
          const event = JSON.parse(frame.slice(6)) as StreamEvent;
          events.push(event);
          if (event.type === "end" || until?.(event) === true) {
            await reader.cancel();
            return events;
          }
        }
      }
    },
    /** Polls until the message is no longer streaming; returns it as saved. */
    async settled(conversationId: string, messageId: string): Promise<ChatMessage> {
      const deadline = Date.now() + 30_000;
      for (;;) {
        const message = (await this.detail(conversationId)).messages.find((m) => m.id === messageId);
        if (message != null && message.status !== "streaming") return message;
        if (Date.now() > deadline) throw new Error(`message ${messageId} still streaming`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
  };
}
