import { basename } from "node:path";
import {
  type ChatWrapper,
  DeepSeekChatWrapper,
  type Llama,
  LlamaChat,
  type LlamaContext,
  type LlamaGrammar,
  type LlamaModel,
  resolveChatWrapper,
  type Token,
} from "node-llama-cpp";
import { DeepthinkError } from "../../errors.js";
import type { NormalizedRequest, ResponseFormat } from "../../protocol/types.js";
import type { Engine, EngineInfo, EnginePart, EngineStats, GenerateResult } from "../spec.js";
import { toChatHistory } from "./chat-history.js";
import { runGeneration, type Slot } from "./generation.js";
import { type LoadOptions, loadLlamaModel } from "./load-model.js";
import { SequencePool } from "./sequence-pool.js";

export interface LlamaCppEngineOptions extends LoadOptions {
  /** Model id as the API lists it; defaults to the file name without `.gguf`. */
  modelId?: string;
  aliases?: string[];
  /** Requests allowed to wait for a slot before new ones are refused; default 8 per slot. */
  queueLimit?: number;
  /**
   * `deepseek` (default): node-llama-cpp's DeepSeek wrapper, right for every R1-family model whatever
   * template revision its GGUF carries. `auto`: resolve from the GGUF's own template.
   */
  chatWrapper?: "deepseek" | "auto";
  now?: () => number;
}

export async function createLlamaCppEngine(options: LlamaCppEngineOptions): Promise<Engine> {
  const loaded = await loadLlamaModel(options);
  const wrapper =
    options.chatWrapper === "auto"
      ? resolveChatWrapper(loaded.model, { fallbackToOtherWrappersOnJinjaError: true })
      : new DeepSeekChatWrapper();
  return new LlamaCppEngine(options, loaded.llama, loaded.model, loaded.context, wrapper);
}

class LlamaCppEngine implements Engine {
  readonly #model: LlamaModel;
  readonly #context: LlamaContext;
  readonly #llama: Llama;
  readonly #wrapper: ChatWrapper;
  readonly #pool: SequencePool<Slot>;
  readonly #info: EngineInfo;
  readonly #now: () => number;
  readonly #grammars = new Map<string, Promise<LlamaGrammar>>();

  constructor(
    options: LlamaCppEngineOptions,
    llama: Llama,
    model: LlamaModel,
    context: LlamaContext,
    wrapper: ChatWrapper,
  ) {
    this.#llama = llama;
    this.#model = model;
    this.#context = context;
    this.#wrapper = wrapper;
    this.#now = options.now ?? (() => performance.now());
    const slots: Slot[] = [];
    for (let i = 0; i < context.totalSequences; i++) {
      const sequence = context.getSequence();
      slots.push({ sequence, chat: new LlamaChat({ contextSequence: sequence, chatWrapper: wrapper }) });
    }
    this.#pool = new SequencePool(slots, {
      queueLimit: options.queueLimit ?? 8 * slots.length,
      retryAfterSeconds: 2,
    });
    this.#info = {
      modelId: options.modelId ?? basename(options.modelPath).replace(/\.gguf$/i, ""),
      aliases: options.aliases ?? [],
      contextSize: context.contextSize,
      parallel: slots.length,
      status: { state: "ready" },
    };
  }

  info(): EngineInfo {
    return this.#info;
  }

  stats(): EngineStats {
    return { busySlots: this.#pool.busy, queueDepth: this.#pool.queueDepth };
  }

  async generate(request: NormalizedRequest, signal?: AbortSignal): Promise<GenerateResult> {
    const startedAt = this.#now();
    const promptTokens = this.#promptTokens(request);
    const room = this.#info.contextSize - promptTokens.length;
    if (room < 1) {
      throw new DeepthinkError(
        "context_length_exceeded",
        `The prompt is ${promptTokens.length} tokens but this model's context holds ${this.#info.contextSize} per request; shorten the conversation or start the engine with a larger --ctx.`,
        { param: "messages" },
      );
    }
    const grammar = await this.#grammarFor(request.responseFormat);
    this.#pool.assertCanQueue();
    const cancel = new AbortController();
    // After the consumer cancels the stream, its controller refuses parts: generation is stopping anyway.
    let open = true;
    const onAbort = () => cancel.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const stream = new ReadableStream<EnginePart>({
      start: (controller) => {
        const emit = (part: EnginePart) => {
          if (open) controller.enqueue(part);
        };
        void this.#run(
          request,
          promptTokens,
          Math.min(request.maxTokens ?? room, room),
          grammar,
          cancel.signal,
          emit,
          startedAt,
        ).finally(() => {
          signal?.removeEventListener("abort", onAbort);
          if (open) controller.close();
        });
      },
      cancel: () => {
        open = false;
        cancel.abort(new DeepthinkError("aborted", "The client went away."));
      },
    });
    return { stream };
  }

  countTokens(text: string): number {
    return this.#model.tokenize(text).length;
  }

  async close(): Promise<void> {
    this.#pool.close();
    await this.#context.dispose();
    await this.#model.dispose();
  }

  async #run(
    request: NormalizedRequest,
    promptTokens: Token[],
    maxTokens: number,
    grammar: LlamaGrammar | undefined,
    signal: AbortSignal,
    emit: (part: EnginePart) => void,
    startedAt: number,
  ): Promise<void> {
    let slot: Slot;
    try {
      slot = await this.#pool.acquire((s) => sharedPrefix(s.sequence.contextTokens, promptTokens), signal);
    } catch (error) {
      if (signal.aborted) emit(abortedWhileQueued(promptTokens.length, this.#now() - startedAt));
      else
        emit({
          type: "error",
          error: error instanceof DeepthinkError ? error : new DeepthinkError("internal", String(error)),
        });
      return;
    }
    try {
      const queuedMs = this.#now() - startedAt;
      await runGeneration({
        slot,
        request,
        promptTokens: promptTokens.length,
        maxTokens,
        grammar,
        signal,
        emit,
        now: this.#now,
        startedAt,
        queuedMs,
      });
    } finally {
      this.#pool.release(slot);
    }
  }

  #promptTokens(request: NormalizedRequest): Token[] {
    const { contextText } = this.#wrapper.generateContextState({ chatHistory: toChatHistory(request) });
    return contextText.tokenize(this.#model.tokenizer);
  }

  #grammarFor(format: ResponseFormat): Promise<LlamaGrammar | undefined> {
    if (format.type === "text") return Promise.resolve(undefined);
    const key = format.type === "json_object" ? "json" : JSON.stringify(format.schema);
    let grammar = this.#grammars.get(key);
    if (grammar == null) {
      grammar =
        format.type === "json_object"
          ? this.#llama.getGrammarFor("json")
          : // biome-ignore lint/suspicious/noExplicitAny: node-llama-cpp types schemas precisely; ours arrive as plain JSON
            this.#llama.createGrammarForJsonSchema(format.schema as any);
      grammar.catch(() => this.#grammars.delete(key));
      this.#grammars.set(key, grammar);
    }
    return grammar.catch((error: unknown) => {
      throw new DeepthinkError(
        "invalid_request",
        `response_format.json_schema.schema cannot be turned into a grammar: ${error instanceof Error ? error.message : String(error)}`,
        { param: "response_format.json_schema.schema" },
      );
    });
  }
}

function sharedPrefix(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

function abortedWhileQueued(promptTokens: number, waitedMs: number): EnginePart {
  return {
    type: "finish",
    reason: "abort",
    usage: { promptTokens, cachedPromptTokens: 0, completionTokens: 0, reasoningTokens: 0 },
    timings: { queuedMs: waitedMs, timeToFirstTokenMs: waitedMs, totalMs: waitedMs, tokensPerSecond: 0 },
  };
}
