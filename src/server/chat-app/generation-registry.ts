/**
 * The answers being generated right now, by message id. Generations belong to the server, not to a
 * request: this registry starts them, finds them for a reattaching reader or a Stop, and on shutdown
 * stops them all and waits until each has saved its final state.
 */
import type { Engine } from "../../engine/spec.js";
import type { NormalizedRequest } from "../../protocol/index.js";
import type { Clock } from "../app-env.js";
import type { ChatMessage } from "./chat-wire.js";
import { LiveGeneration } from "./live-generation.js";
import { type GenerationSink, runGeneration } from "./run-generation.js";

export interface RegistryOptions {
  sink: GenerationSink;
  clock: Clock;
  persistEveryMs: number;
  onFault?: (error: unknown) => void;
}

export class GenerationRegistry {
  readonly #live = new Map<string, LiveGeneration>();
  readonly #running = new Set<Promise<unknown>>();

  constructor(private readonly options: RegistryOptions) {}

  start(message: ChatMessage, engine: Engine, request: NormalizedRequest): LiveGeneration {
    const live = new LiveGeneration(message, this.options.clock);
    this.#live.set(message.id, live);
    const run = runGeneration({ ...this.options, live, engine, request })
      // Saving the end can fail only with the database gone (shutdown); nothing is left to tell.
      .catch((error: unknown) => this.options.onFault?.(error))
      .finally(() => {
        this.#live.delete(message.id);
        this.#running.delete(run);
      });
    this.#running.add(run);
    return live;
  }

  get(messageId: string): LiveGeneration | undefined {
    return this.#live.get(messageId);
  }

  /** Stops one answer at once (the engine frees its slot); false when it was not generating. */
  stop(messageId: string): boolean {
    const live = this.#live.get(messageId);
    live?.controller.abort();
    return live != null;
  }

  /** Resolves once `messageId` is no longer generating (its final state is saved). */
  async settled(messageId: string): Promise<void> {
    while (this.#live.has(messageId)) await Promise.race([...this.#running]);
  }

  stopConversation(conversationId: string): void {
    for (const live of this.#live.values()) {
      if (live.message.conversationId === conversationId) live.controller.abort();
    }
  }

  async close(): Promise<void> {
    for (const live of this.#live.values()) live.controller.abort();
    await Promise.allSettled([...this.#running]);
  }
}
