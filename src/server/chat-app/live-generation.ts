/**
 * One answer being generated, in memory: the text so far, the thinking clock and who is listening.
 * It lives apart from any HTTP connection, so a closed tab or a reload never stops it; a new event stream
 * attaches with a snapshot (taken and subscribed in one synchronous step, so no delta falls between them).
 */
import type { Clock } from "../app-env.js";
import type { ChatMessage, StreamEvent } from "./chat-wire.js";

export type Listener = (event: StreamEvent) => void;

export class LiveGeneration {
  readonly controller = new AbortController();
  content = "";
  reasoning = "";
  /** Set when the first answer token arrives after some reasoning (or at the end, if none came). */
  thinkingMs: number | null = null;
  readonly #listeners = new Set<Listener>();
  readonly #startedAt: number;
  #ended = false;

  constructor(
    readonly message: ChatMessage,
    private readonly clock: Clock,
  ) {
    this.#startedAt = clock.now();
  }

  get id(): string {
    return this.message.id;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Milliseconds since generation started (the thinking clock includes the prompt's prefill). */
  elapsedMs(): number {
    return this.clock.now() - this.#startedAt;
  }

  addReasoning(text: string): void {
    this.reasoning += text;
    this.#emit({ type: "reasoning", text });
  }

  addAnswer(text: string): void {
    if (this.thinkingMs == null && this.reasoning !== "") {
      this.thinkingMs = this.elapsedMs();
      this.#emit({ type: "thought", thinkingMs: this.thinkingMs });
    }
    this.content += text;
    this.#emit({ type: "answer", text });
  }

  /** The message as a reader attaching now should see it. */
  snapshot(): StreamEvent {
    const thinking = this.thinkingMs == null && this.content === "" && this.message.thinking !== "off";
    return {
      type: "snapshot",
      message: {
        ...this.message,
        content: this.content,
        reasoning: this.reasoning,
        thinkingMs: this.thinkingMs,
      },
      thinkingElapsedMs: thinking ? this.elapsedMs() : null,
    };
  }

  /** Sends the snapshot, then every later event, to `listener`; returns the unsubscribe function. */
  attach(listener: Listener): () => void {
    listener(this.snapshot());
    if (this.#ended) return () => {};
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  end(message: ChatMessage): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#emit({ type: "end", message });
    this.#listeners.clear();
  }

  #emit(event: StreamEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
