import type { Writable } from "node:stream";
import type { EnginePart } from "../engine/spec.js";

export interface PartPrinterOptions {
  stdout: Writable & { isTTY?: boolean };
  stderr: Writable & { isTTY?: boolean };
  /** Print the reasoning (to stderr, dimmed on a terminal). */
  showThinking: boolean;
}

const DIM = "\u001b[2m";
const RESET = "\u001b[22m";

/**
 * The terminal encoder: reasoning to stderr (dimmed on a TTY, so `2>/dev/null` or `--hide-thinking`
 * leaves just the answer), the answer to stdout, a newline at the end of each.
 */
export class PartPrinter {
  readonly #options: PartPrinterOptions;
  readonly #dim: boolean;
  #inReasoning = false;
  #reasoningEndsWithNewline = true;
  #wroteAnswer = false;
  #answerEndsWithNewline = true;

  constructor(options: PartPrinterOptions) {
    this.#options = options;
    this.#dim = options.stderr.isTTY === true;
  }

  write(part: EnginePart): void {
    if (part.type === "reasoning-delta") {
      if (!this.#options.showThinking) return;
      if (!this.#inReasoning) {
        this.#inReasoning = true;
        if (this.#dim) this.#options.stderr.write(DIM);
      }
      this.#options.stderr.write(part.text);
      this.#reasoningEndsWithNewline = part.text.endsWith("\n");
    } else if (part.type === "text-delta") {
      this.#closeReasoning();
      this.#options.stdout.write(part.text);
      this.#wroteAnswer = true;
      this.#answerEndsWithNewline = part.text.endsWith("\n");
    }
  }

  /** Finish the lines that were started. */
  end(): void {
    this.#closeReasoning();
    if (this.#wroteAnswer && !this.#answerEndsWithNewline) this.#options.stdout.write("\n");
  }

  #closeReasoning(): void {
    if (!this.#inReasoning) return;
    this.#inReasoning = false;
    if (this.#dim) this.#options.stderr.write(RESET);
    if (!this.#reasoningEndsWithNewline) this.#options.stderr.write("\n");
    if (this.#options.stderr.isTTY === true) this.#options.stderr.write("\n");
  }
}
