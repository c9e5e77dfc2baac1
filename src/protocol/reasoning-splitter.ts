import { PartTrimmer } from "./answer-trimmer.js";
import { ThinkTagScanner } from "./think-tag-scanner.js";
import type { ReasoningPart } from "./types.js";

export interface ReasoningSplitterOptions {
  /**
   * The prompt already ends inside the think block (the updated R1 template prefills `<think>\n`), so
   * everything before the first `</think>` is reasoning, even if `</think>` never comes. When false, the
   * output is reasoning only if it opens with `<think>` (after optional whitespace); otherwise it is all
   * answer.
   */
  startInReasoning: boolean;
}

/**
 * Raw R1 text in, reasoning and answer parts out: the tag scanner feeding the whitespace trimmer.
 * Rules, in one place for every engine that yields raw text:
 * - tags may be split across chunks at any character; only text that could still be a tag is held;
 * - only the first `</think>` splits; a `<think>` re-emitted at the very start is swallowed;
 * - no `</think>` at all (truncated or looping output) leaves everything in the reasoning;
 * - reasoning and answer lose leading whitespace, reasoning loses trailing whitespace, so an empty
 *   think block (`<think>\n\n</think>`) produces no reasoning part; no part is ever empty.
 */
export class ReasoningSplitter {
  readonly #scanner: ThinkTagScanner;
  readonly #trimmer = new PartTrimmer();

  constructor(options: ReasoningSplitterOptions) {
    this.#scanner = new ThinkTagScanner(options.startInReasoning);
  }

  push(chunk: string): ReasoningPart[] {
    return this.#trim(this.#scanner.push(chunk));
  }

  flush(): ReasoningPart[] {
    return [...this.#trim(this.#scanner.flush()), ...this.#trimmer.flush()];
  }

  #trim(parts: ReasoningPart[]): ReasoningPart[] {
    return parts.flatMap((part) => this.#trimmer.push(part));
  }
}

/** The splitter as a stream step: `textStream.pipeThrough(createReasoningSplitter({ startInReasoning }))`. */
export function createReasoningSplitter(
  options: ReasoningSplitterOptions,
): TransformStream<string, ReasoningPart> {
  const splitter = new ReasoningSplitter(options);
  return new TransformStream({
    transform(chunk, controller) {
      for (const part of splitter.push(chunk)) controller.enqueue(part);
    },
    flush(controller) {
      for (const part of splitter.flush()) controller.enqueue(part);
    },
  });
}

/** A whole response split at once, with exactly the streaming semantics (the same state machine). */
export function splitReasoning(
  text: string,
  options: ReasoningSplitterOptions,
): { reasoning: string; content: string } {
  const splitter = new ReasoningSplitter(options);
  let reasoning = "";
  let content = "";
  for (const part of [...splitter.push(text), ...splitter.flush()]) {
    if (part.type === "reasoning-delta") reasoning += part.text;
    else content += part.text;
  }
  return { reasoning, content };
}
