/**
 * What the chat API does, apart from HTTP: ask a question (new, or an edit that branches), regenerate an
 * answer (a sibling, so the earlier one stays reachable), stop one. Each answer is saved as `streaming`
 * before the engine starts, so a reload at any moment finds it.
 */
import type { Engine } from "../../engine/spec.js";
import { DeepthinkError } from "../../errors.js";
import type { NormalizedRequest } from "../../protocol/index.js";
import type { ChatStore } from "../../store/chat-store.js";
import type { OpenSearch } from "../augment-request.js";
import type { ModelHost } from "../model-host.js";
import { servedFrom, servedNames } from "../model-set.js";
import { augmentAsk } from "./augment-ask.js";
import { branchTo, buildChatRequest, thinkingLabel } from "./build-chat-request.js";
import { loadSettings } from "./chat-settings.js";
import type { AttachmentUpload, ChatMessage, Conversation, SendResult } from "./chat-wire.js";
import type { GenerationRegistry } from "./generation-registry.js";
import { notFound } from "./parse-body.js";

export interface ChatServiceDeps {
  store: ChatStore;
  registry: GenerationRegistry;
  host: ModelHost;
  idGenerator: () => string;
  openSearch: OpenSearch;
}

export interface Ask {
  content: string;
  /** The answer this question follows; null for the first question (or an edit of it). */
  parentId: string | null;
  deepThink?: boolean;
  /** The saved setting when absent. */
  webSearch?: boolean;
  /** A served model's id or alias; the saved setting (or the default model) when absent. */
  model?: string;
  files?: AttachmentUpload[];
}

/** A conversation's title from its first question: the first line, at most 80 characters. */
export function titleFrom(question: string): string {
  const line = question.trim().split("\n")[0]?.trim() ?? "";
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line;
}

export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  conversationOrThrow(id: string): Conversation {
    const conversation = this.deps.store.conversation(id);
    if (conversation == null) throw notFound("conversation", id);
    return conversation;
  }

  async ask(conversationId: string, ask: Ask, signal?: AbortSignal): Promise<SendResult> {
    const { store } = this.deps;
    const conversation = this.conversationOrThrow(conversationId);
    const messages = store.messages(conversationId);
    if (ask.parentId != null) {
      const parent = messages.find((m) => m.id === ask.parentId);
      if (parent == null || parent.role !== "assistant") {
        throw new DeepthinkError("invalid_request", "parentId must name an answer in this conversation.", {
          param: "parentId",
        });
      }
    }
    const engine = this.#engine(ask.model);
    const branch = ask.parentId != null ? branchTo(messages, ask.parentId) : [];
    // Files and search first: a file the server cannot read, or a search that fails, saves nothing.
    const augmented = await augmentAsk({
      question: ask.content,
      files: ask.files ?? [],
      webSearch: ask.webSearch ?? loadSettings(store).webSearch,
      history: branch.map((m) => m.prompt ?? m.content),
      engine,
      openSearch: this.deps.openSearch,
      idGenerator: this.deps.idGenerator,
      ...(signal != null ? { signal } : {}),
    });
    const request = this.#request(
      [...branch, { role: "user", content: ask.content, prompt: augmented.prompt }],
      ask.deepThink,
    );
    const result = store.transaction(() => {
      const savedUser = store.insertMessage({
        id: this.deps.idGenerator(),
        conversationId,
        parentId: ask.parentId,
        role: "user",
        content: ask.content,
        status: "done",
        prompt: augmented.prompt,
        sources: augmented.sources,
        attachments: augmented.attachments,
      });
      const title = conversation.title === "" ? titleFrom(ask.content) : undefined;
      return {
        ...this.#save(conversation, savedUser.id, engine, request, title, augmented.sources),
        user: savedUser,
      };
    });
    this.deps.registry.start(result.assistant, engine, request);
    return augmented.warnings.length > 0 ? { ...result, warnings: augmented.warnings } : result;
  }

  regenerate(messageId: string, deepThink: boolean | undefined, model?: string): SendResult {
    const { store } = this.deps;
    const old = store.message(messageId);
    if (old == null) throw notFound("message", messageId);
    if (old.role !== "assistant" || old.parentId == null) {
      throw new DeepthinkError("invalid_request", "Only an answer can be regenerated.", { param: "id" });
    }
    const conversation = this.conversationOrThrow(old.conversationId);
    const engine = this.#engine(model);
    const branch = branchTo(store.messages(conversation.id), old.parentId);
    const request = this.#request(branch, deepThink);
    // The question keeps its search results: the new answer cites the same sources.
    const sources = branch.at(-1)?.sources ?? null;
    const result = store.transaction(() =>
      this.#save(conversation, old.parentId!, engine, request, undefined, sources),
    );
    this.deps.registry.start(result.assistant, engine, request);
    return result;
  }

  /** Stops an answer and waits until what it generated is saved; returns it as saved. */
  async stop(messageId: string): Promise<ChatMessage> {
    const { store, registry } = this.deps;
    if (registry.stop(messageId)) await registry.settled(messageId);
    const message = store.message(messageId);
    if (message == null) throw notFound("message", messageId);
    if (message.status !== "streaming") return message;
    // Saved as streaming, yet nothing generates it (a generation that never got going): end it here.
    return (
      store.finishMessage(messageId, { ...message, status: "stopped", finishReason: "abort" }) ?? message
    );
  }

  deleteConversation(id: string): void {
    this.deps.registry.stopConversation(id);
    if (!this.deps.store.deleteConversation(id)) throw notFound("conversation", id);
  }

  /** Saves the answer as `streaming` and shows it; the generation starts once this has committed. */
  #save(
    conversation: Conversation,
    parentId: string,
    engine: Engine,
    request: NormalizedRequest,
    title?: string,
    sources: ChatMessage["sources"] = null,
  ): SendResult {
    const { store } = this.deps;
    const assistant = store.insertMessage({
      id: this.deps.idGenerator(),
      conversationId: conversation.id,
      parentId,
      role: "assistant",
      content: "",
      status: "streaming",
      thinking: thinkingLabel(request),
      model: engine.info().modelId,
      sources,
    });
    const updated = store.updateConversation(
      conversation.id,
      { currentLeafId: assistant.id, ...(title != null ? { title } : {}) },
      true,
    );
    return { conversation: updated ?? conversation, assistant };
  }

  #request(
    branch: Array<Pick<ChatMessage, "role" | "content"> & { prompt?: string | null }>,
    deepThink: boolean | undefined,
  ): NormalizedRequest {
    const settings = loadSettings(this.deps.store);
    return buildChatRequest(branch, settings, deepThink ?? settings.deepThink);
  }

  /**
   * The engine for `requested` (a question's own `model`), else the model picker's setting, else the
   * default model. A setting naming a model the server no longer serves falls back to the default; a
   * question's own unknown model is a 404 `model_not_found`, as on /v1.
   */
  #engine(requested: string | undefined): Engine {
    const { host, store } = this.deps;
    if (requested != null) return servedFrom(host, requested).engine;
    const saved = loadSettings(store).model;
    const served = saved != null && servedNames(host).some((names) => names.includes(saved));
    return servedFrom(host, served ? saved : null).engine;
  }
}
