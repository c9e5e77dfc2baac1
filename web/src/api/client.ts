/**
 * The chat API over fetch. Errors keep the server's message (`{error: {message, code}}`), which the app
 * shows as is: the server already words them for people. A saved API key (for servers started with
 * --api-key) goes with every request.
 */
import type {
  ChatMessage,
  ChatModel,
  ChatSettings,
  Conversation,
  ConversationDetail,
  ModelStatus,
  SendResult,
} from "./wire";

const KEY_STORAGE = "deepthink.apiKey";

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
  ) {
    super(message);
  }
}

export function authHeaders(): Record<string, string> {
  const key = localStorage.getItem(KEY_STORAGE);
  return key != null && key !== "" ? { Authorization: `Bearer ${key}` } : {};
}

export function saveApiKey(key: string): void {
  localStorage.setItem(KEY_STORAGE, key.trim());
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: { ...authHeaders(), ...(body !== undefined ? { "Content-Type": "application/json" } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw await errorOf(response);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

export async function errorOf(response: Response): Promise<ApiError> {
  let message = `The server answered ${response.status} ${response.statusText}.`;
  let code: string | null = null;
  try {
    const body = (await response.json()) as { error?: { message?: string; code?: string | null } };
    if (body.error?.message != null) message = body.error.message;
    code = body.error?.code ?? null;
  } catch {
    // Not JSON (a proxy's error page): the status line is all there is.
  }
  return new ApiError(message, response.status, code);
}

const enc = encodeURIComponent;

export const api = {
  conversations: (query = "") =>
    call<{ conversations: Conversation[] }>(
      "GET",
      `/api/conversations${query !== "" ? `?q=${enc(query)}` : ""}`,
    ),
  createConversation: () => call<Conversation>("POST", "/api/conversations", {}),
  conversation: (id: string) => call<ConversationDetail>("GET", `/api/conversations/${enc(id)}`),
  updateConversation: (id: string, patch: { title?: string; currentLeafId?: string | null }) =>
    call<Conversation>("PATCH", `/api/conversations/${enc(id)}`, patch),
  deleteConversation: (id: string) => call<void>("DELETE", `/api/conversations/${enc(id)}`),
  ask: (
    id: string,
    body: {
      content: string;
      parentId: string | null;
      deepThink: boolean;
      files?: Array<{ name: string; data: string; mimeType?: string }>;
    },
  ) => call<SendResult>("POST", `/api/conversations/${enc(id)}/messages`, body),
  regenerate: (messageId: string, deepThink: boolean) =>
    call<SendResult>("POST", `/api/messages/${enc(messageId)}/regenerate`, { deepThink }),
  stop: (messageId: string) => call<ChatMessage>("POST", `/api/messages/${enc(messageId)}/stop`),
  settings: () => call<ChatSettings>("GET", "/api/settings"),
  saveSettings: (patch: Partial<ChatSettings>) => call<ChatSettings>("PUT", "/api/settings", patch),
  status: () => call<ModelStatus>("GET", "/api/status"),
  models: () => call<{ models: ChatModel[] }>("GET", "/api/models"),
};

/** Downloads an export through fetch (so an API key can go with it) and saves it under the server's name. */
export async function downloadExport(id: string, format: "markdown" | "json"): Promise<void> {
  const response = await fetch(`/api/conversations/${enc(id)}/export?format=${format}`, {
    headers: authHeaders(),
  });
  if (!response.ok) throw await errorOf(response);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const name =
    /filename="([^"]+)"/.exec(disposition)?.[1] ??
    (format === "json" ? "conversation.json" : "conversation.md");
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL is no longer needed once it has been read.
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
