import type { ReasoningPart } from "./types.js";

/**
 * The whitespace rules for an already-split part stream, shared by the `<think>` splitter and by engines
 * that receive parts pre-split (node-llama-cpp's thought segments):
 * - reasoning and answer each lose their leading whitespace (R1 writes `<think>\n` and `</think>\n\n`),
 *   held back until the first non-whitespace character, so an empty think block emits nothing at all;
 * - reasoning loses its trailing whitespace (the `\n` before `</think>`): a whitespace run inside the
 *   reasoning is held until more reasoning arrives and dropped when the answer starts or the stream ends.
 * Only whitespace is ever held; any other character passes through at once. Never emits an empty part.
 */
export class PartTrimmer {
  #reasoningStarted = false;
  #answerStarted = false;
  /** Whitespace at the end of the reasoning so far: inner whitespace if more reasoning follows. */
  #heldReasoningSpace = "";

  push(part: ReasoningPart): ReasoningPart[] {
    return part.type === "reasoning-delta" ? this.#reasoning(part.text) : this.#answer(part.text);
  }

  /** End of stream: held whitespace is trailing whitespace, so it goes. */
  flush(): ReasoningPart[] {
    this.#heldReasoningSpace = "";
    return [];
  }

  #reasoning(raw: string): ReasoningPart[] {
    const text = this.#reasoningStarted ? raw : raw.trimStart();
    if (text === "") return [];
    this.#reasoningStarted = true;
    const body = text.trimEnd();
    if (body === "") {
      this.#heldReasoningSpace += text;
      return [];
    }
    const out = this.#heldReasoningSpace + body;
    this.#heldReasoningSpace = text.slice(body.length);
    return [{ type: "reasoning-delta", text: out }];
  }

  #answer(raw: string): ReasoningPart[] {
    this.#heldReasoningSpace = "";
    const text = this.#answerStarted ? raw : raw.trimStart();
    if (text === "") return [];
    this.#answerStarted = true;
    return [{ type: "text-delta", text }];
  }
}

/**
 * The trimming rules alone as a stream step, for parts that arrive already split. The `<think>`
 * splitter applies the same `PartTrimmer` internally, so its output needs no second pass.
 */
export function createAnswerTrimmer(): TransformStream<ReasoningPart, ReasoningPart> {
  const trimmer = new PartTrimmer();
  return new TransformStream({
    transform(part, controller) {
      for (const out of trimmer.push(part)) controller.enqueue(out);
    },
    flush(controller) {
      for (const out of trimmer.flush()) controller.enqueue(out);
    },
  });
}
