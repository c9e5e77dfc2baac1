/**
 * The one encoder: engine parts (tagged with their choice index) → OpenAI chat.completion.chunk objects.
 * Streams serialise these frames as SSE; non-stream responses are a fold of the very same frames
 * (fold-chunks.ts), so both paths cannot drift apart.
 */
import type { EnginePart, Usage } from "../engine/spec.js";
import { DeepthinkError } from "../errors.js";
import {
  type ChatCompletionChunk,
  type ChunkChoice,
  type ChunkDelta,
  mergeChoiceUsage,
  type ReasoningFields,
  toWireUsage,
} from "./openai-wire.js";

export interface IndexedPart {
  index: number;
  part: EnginePart;
}

export type EncodedFrame =
  | { kind: "chunk"; chunk: ChatCompletionChunk }
  | { kind: "error"; error: DeepthinkError };

export interface ChunkEncoderOptions {
  id: string;
  created: number;
  model: string;
  choices: number;
  includeUsage: boolean;
  reasoningFields: ReasoningFields;
  /** Top-level fields for the first chunk only (the search `sources`, before any text cites them). */
  firstChunkExtra?: Partial<ChatCompletionChunk>;
}

export interface ChunkEncoder {
  /** The role chunk of every choice: what clients expect before any delta. */
  start(): EncodedFrame[];
  encode(item: IndexedPart): EncodedFrame[];
  /** Every choice has finished (or one failed): nothing more will be encoded. */
  readonly done: boolean;
}

/** Same fingerprint for every response of this build: clients log it, nobody should branch on it. */
export const SYSTEM_FINGERPRINT = "fp_deepthink";

export function createChunkEncoder(options: ChunkEncoderOptions): ChunkEncoder {
  const { id, created, model, includeUsage, reasoningFields } = options;
  const pending = new Set<number>(Array.from({ length: options.choices }, (_, i) => i));
  let usage: Usage | undefined;
  let done = false;

  const chunk = (choices: ChunkChoice[], extra?: Partial<ChatCompletionChunk>): EncodedFrame => ({
    kind: "chunk",
    chunk: {
      id,
      object: "chat.completion.chunk",
      created,
      model,
      system_fingerprint: SYSTEM_FINGERPRINT,
      choices,
      ...(includeUsage ? { usage: null } : {}),
      ...extra,
    },
  });
  const delta = (index: number, d: ChunkDelta): EncodedFrame =>
    chunk([{ index, delta: d, logprobs: null, finish_reason: null }]);
  const reasoningDelta = (text: string): ChunkDelta => {
    if (reasoningFields === "reasoning_content") return { reasoning_content: text };
    if (reasoningFields === "reasoning") return { reasoning: text };
    return { reasoning_content: text, reasoning: text };
  };

  return {
    get done() {
      return done;
    },
    start: () =>
      [...pending].map((index, i) => {
        const frame = delta(index, { role: "assistant", content: "" });
        if (i === 0 && options.firstChunkExtra != null && frame.kind === "chunk") {
          return { kind: "chunk", chunk: { ...frame.chunk, ...options.firstChunkExtra } };
        }
        return frame;
      }),
    encode({ index, part }) {
      if (done) return [];
      switch (part.type) {
        case "reasoning-delta":
          return part.text === "" ? [] : [delta(index, reasoningDelta(part.text))];
        case "text-delta":
          return part.text === "" ? [] : [delta(index, { content: part.text })];
        case "error":
          done = true;
          return [{ kind: "error", error: part.error }];
        case "finish": {
          if (part.reason === "abort") {
            // The engine only aborts when we asked it to (client gone, server closing): say so if anyone listens.
            done = true;
            return [{ kind: "error", error: new DeepthinkError("aborted", "The generation was stopped.") }];
          }
          pending.delete(index);
          usage = mergeChoiceUsage(usage, part.usage);
          const frames = [chunk([{ index, delta: {}, logprobs: null, finish_reason: part.reason }])];
          if (pending.size === 0) {
            done = true;
            if (includeUsage && usage != null) frames.push(chunk([], { usage: toWireUsage(usage) }));
          }
          return frames;
        }
      }
    },
  };
}
