/**
 * Drives one engine generation into a LiveGeneration and SQLite: every part goes to the listeners at
 * once, the text is saved at most every `persistEveryMs` while it streams (a crash or restart loses at
 * most that much), and the final state, timings and token counts are saved when it ends. An abort (the
 * Stop button, a deleted conversation, shutdown) ends it as `stopped`, keeping what was generated.
 */
import type { Engine, EnginePart } from "../../engine/spec.js";
import { toDeepthinkError } from "../../errors.js";
import type { NormalizedRequest } from "../../protocol/index.js";
import type { MessageEnd } from "../../store/chat-store.js";
import type { Clock } from "../app-env.js";
import type { ChatMessage } from "./chat-wire.js";
import type { LiveGeneration } from "./live-generation.js";

export interface GenerationSink {
  saveProgress(id: string, progress: { content: string; reasoning: string; thinkingMs: number | null }): void;
  finishMessage(id: string, end: MessageEnd): ChatMessage | undefined;
}

export interface RunGenerationOptions {
  live: LiveGeneration;
  engine: Engine;
  request: NormalizedRequest;
  sink: GenerationSink;
  clock: Clock;
  persistEveryMs: number;
  /** A failure that is the server's fault (not a stop, not a full queue), for the log. */
  onFault?: (error: unknown) => void;
}

export async function runGeneration(options: RunGenerationOptions): Promise<ChatMessage> {
  const { live, sink, clock } = options;
  let lastSave = clock.now();
  const save = () => {
    lastSave = clock.now();
    sink.saveProgress(live.id, {
      content: live.content,
      reasoning: live.reasoning,
      thinkingMs: live.thinkingMs,
    });
  };
  let end: MessageEnd;
  try {
    const { stream } = await options.engine.generate(options.request, live.signal);
    const reader = stream.getReader();
    let last: EnginePart | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      last = value;
      if (value.type === "reasoning-delta") live.addReasoning(value.text);
      else if (value.type === "text-delta") live.addAnswer(value.text);
      if (clock.now() - lastSave >= options.persistEveryMs) save();
    }
    end = endOf(live, last);
  } catch (error) {
    const typed = toDeepthinkError(error);
    if (typed.code === "internal") options.onFault?.(error);
    end = live.signal.aborted ? endOf(live, undefined) : failed(live, typed.message);
  }
  const unsaved: ChatMessage = { ...live.message, ...end, error: end.error ?? null };
  let saved: ChatMessage | undefined;
  try {
    // Undefined when the conversation was deleted meanwhile: readers still get the end.
    saved = sink.finishMessage(live.id, end);
  } finally {
    live.end(saved ?? unsaved);
  }
  return saved ?? unsaved;
}

function endOf(live: LiveGeneration, last: EnginePart | undefined): MessageEnd {
  const thinkingMs = live.thinkingMs ?? (live.reasoning !== "" ? live.elapsedMs() : null);
  const base = { content: live.content, reasoning: live.reasoning, thinkingMs };
  if (last?.type === "error")
    return { ...base, status: "error", error: last.error.message, finishReason: "error" };
  if (last?.type !== "finish") {
    if (live.signal.aborted) return { ...base, status: "stopped", finishReason: "abort" };
    return {
      ...base,
      status: "error",
      error: "The generation ended without finishing.",
      finishReason: "error",
    };
  }
  return {
    ...base,
    status: last.reason === "abort" ? "stopped" : "done",
    finishReason: last.reason,
    promptTokens: last.usage.promptTokens,
    completionTokens: last.usage.completionTokens,
    reasoningTokens: last.usage.reasoningTokens,
    tokensPerSecond: last.timings.tokensPerSecond,
    totalMs: last.timings.totalMs,
  };
}

function failed(live: LiveGeneration, message: string): MessageEnd {
  return {
    content: live.content,
    reasoning: live.reasoning,
    status: "error",
    error: message,
    finishReason: "error",
  };
}
