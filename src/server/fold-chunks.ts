/**
 * A non-stream response is the fold of the stream's frames: the same encoder runs, and this gathers its
 * chunks into one chat.completion. An error frame throws, so a failure before the response is sent gets
 * its proper HTTP status.
 */
import { DeepthinkError } from "../errors.js";
import type { ChunkEncoder, EncodedFrame, IndexedPart } from "./chunk-encoder.js";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  CompletionMessage,
  ReasoningFields,
  WireFinishReason,
  WireUsage,
} from "./openai-wire.js";
import type { PartSource } from "./start-choices.js";

interface ChoiceAccumulator {
  content: string;
  reasoning: string;
  sawReasoning: boolean;
  finishReason: WireFinishReason | null;
}

export interface ChunkFold {
  add(frame: EncodedFrame): void;
  result(): ChatCompletion;
}

export function createChunkFold(reasoningFields: ReasoningFields): ChunkFold {
  let head: ChatCompletionChunk | undefined;
  let usage: WireUsage | undefined;
  const choices = new Map<number, ChoiceAccumulator>();

  return {
    add(frame) {
      if (frame.kind === "error") throw frame.error;
      const chunk = frame.chunk;
      head ??= chunk;
      if (chunk.usage != null) usage = chunk.usage;
      for (const choice of chunk.choices) {
        let acc = choices.get(choice.index);
        if (acc == null) {
          acc = { content: "", reasoning: "", sawReasoning: false, finishReason: null };
          choices.set(choice.index, acc);
        }
        const reasoning = choice.delta.reasoning_content ?? choice.delta.reasoning;
        if (reasoning != null) {
          acc.reasoning += reasoning;
          acc.sawReasoning = true;
        }
        if (choice.delta.content != null) acc.content += choice.delta.content;
        if (choice.finish_reason != null) acc.finishReason = choice.finish_reason;
      }
    },
    result() {
      if (head == null || usage == null) {
        throw new DeepthinkError("internal", "The generation ended without a finish.");
      }
      return {
        id: head.id,
        object: "chat.completion",
        created: head.created,
        model: head.model,
        system_fingerprint: head.system_fingerprint,
        choices: [...choices.entries()]
          .sort(([a], [b]) => a - b)
          .map(([index, acc]) => ({
            index,
            message: toMessage(acc, reasoningFields),
            logprobs: null,
            finish_reason: acc.finishReason ?? "stop",
          })),
        usage,
      };
    },
  };
}

function toMessage(acc: ChoiceAccumulator, fields: ReasoningFields): CompletionMessage {
  // No reasoning at all (thinking off) reads as null, as DeepSeek's non-thinking mode does; content is
  // always a string so that naive clients can concatenate it.
  const reasoning = acc.sawReasoning ? acc.reasoning : null;
  const message: CompletionMessage = { role: "assistant", content: acc.content };
  if (fields !== "reasoning") message.reasoning_content = reasoning;
  if (fields !== "reasoning_content") message.reasoning = reasoning;
  return message;
}

/** Reads every part, encodes it and folds the frames; an error frame (or a failed read) throws. */
export async function foldCompletion(
  source: PartSource,
  encoder: ChunkEncoder,
  reasoningFields: ReasoningFields,
  onPart: (item: IndexedPart) => void,
): Promise<ChatCompletion> {
  const fold = createChunkFold(reasoningFields);
  for (const frame of encoder.start()) fold.add(frame);
  for (let item = await source.next(); item != null; item = await source.next()) {
    onPart(item);
    for (const frame of encoder.encode(item)) fold.add(frame);
    if (encoder.done) break;
  }
  return fold.result();
}
