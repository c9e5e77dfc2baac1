import { THINK_CLOSE, THINK_OPEN } from "./constants.js";
import type { ReasoningPart } from "./types.js";

/**
 * Where the scanner is in R1's output grammar `(ws* <think>)? reasoning </think> answer`:
 * - `start`: not yet known whether the model opens a think block itself (no prefilled `<think>`);
 * - `head`: just inside the think block, where a re-emitted `<think>` is swallowed;
 * - `reasoning`: looking for the first `</think>`;
 * - `answer`: everything is answer text, including any later `</think>`.
 */
type State = "start" | "head" | "reasoning" | "answer";

/**
 * Splits raw model text arriving in arbitrary chunks at R1's think tags; whitespace rules are applied
 * afterwards by `PartTrimmer`. The only text held back is what could still become a tag: in `start` and
 * `head`, leading whitespace plus a prefix of `<think>`; in `reasoning`, the longest suffix that is a
 * prefix of `</think>`. Everything else is emitted from the `push` that brought it.
 */
export class ThinkTagScanner {
  #state: State;
  #buffer = "";

  /** `startInReasoning`: the prompt already ends inside the think block (the R1 template's `<think>\n`). */
  constructor(startInReasoning: boolean) {
    this.#state = startInReasoning ? "head" : "start";
  }

  push(chunk: string): ReasoningPart[] {
    this.#buffer += chunk;
    const parts: ReasoningPart[] = [];
    for (;;) {
      switch (this.#state) {
        case "start":
        case "head": {
          const rest = this.#buffer.trimStart();
          if (rest.startsWith(THINK_OPEN)) {
            // The whitespace before the tag is leading reasoning whitespace: nothing to keep.
            this.#buffer = rest.slice(THINK_OPEN.length);
            this.#state = "head";
            continue;
          }
          if (THINK_OPEN.startsWith(rest)) return parts;
          // Output that does not open with `<think>` never entered a think block: it is all answer.
          this.#state = this.#state === "start" ? "answer" : "reasoning";
          continue;
        }
        case "reasoning": {
          const end = this.#buffer.indexOf(THINK_CLOSE);
          if (end >= 0) {
            emit(parts, "reasoning-delta", this.#buffer.slice(0, end));
            this.#buffer = this.#buffer.slice(end + THINK_CLOSE.length);
            this.#state = "answer";
            continue;
          }
          const keep = this.#buffer.length - heldTagPrefixLength(this.#buffer, THINK_CLOSE);
          emit(parts, "reasoning-delta", this.#buffer.slice(0, keep));
          this.#buffer = this.#buffer.slice(keep);
          return parts;
        }
        case "answer":
          emit(parts, "text-delta", this.#buffer);
          this.#buffer = "";
          return parts;
      }
    }
  }

  /** End of stream: whatever is held was not a tag after all (a cut-off `</thi` is reasoning text). */
  flush(): ReasoningPart[] {
    const parts: ReasoningPart[] = [];
    emit(
      parts,
      this.#state === "start" || this.#state === "answer" ? "text-delta" : "reasoning-delta",
      this.#buffer,
    );
    this.#buffer = "";
    return parts;
  }
}

/** The length of the longest proper prefix of `tag` that `text` ends with (0 when none). */
function heldTagPrefixLength(text: string, tag: string): number {
  for (let length = Math.min(tag.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(tag.slice(0, length))) return length;
  }
  return 0;
}

function emit(parts: ReasoningPart[], type: ReasoningPart["type"], text: string): void {
  if (text !== "") parts.push({ type, text });
}
