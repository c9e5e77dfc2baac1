/**
 * Stop sequences for the answer. R1 thinks in free text, so a stop such as "\n\n" applied to the whole
 * output would cut the reasoning short; deepthink applies stops to the answer only (after `</think>`).
 * Text is pushed as it streams; anything that could still be the start of a stop sequence is held back.
 */
export interface StopMatchResult {
  /** Text that is certainly not part of a stop sequence: safe to emit. */
  text: string;
  /** A stop sequence was found; `text` ends right before it and nothing more should be generated. */
  stopped: boolean;
}

export class StopMatcher {
  readonly #stops: readonly string[];
  #held = "";
  #stopped = false;

  constructor(stops: readonly string[]) {
    this.#stops = stops.filter((s) => s.length > 0);
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  push(chunk: string): StopMatchResult {
    if (this.#stopped) return { text: "", stopped: true };
    if (this.#stops.length === 0) return { text: chunk, stopped: false };
    const buffer = this.#held + chunk;
    let first = -1;
    for (const stop of this.#stops) {
      const at = buffer.indexOf(stop);
      if (at !== -1 && (first === -1 || at < first)) first = at;
    }
    if (first !== -1) {
      this.#stopped = true;
      this.#held = "";
      return { text: buffer.slice(0, first), stopped: true };
    }
    const keep = this.#longestStopPrefixSuffix(buffer);
    this.#held = buffer.slice(buffer.length - keep);
    return { text: buffer.slice(0, buffer.length - keep), stopped: false };
  }

  /** At the end of generation, whatever was held back was not a stop after all. */
  flush(): string {
    const rest = this.#stopped ? "" : this.#held;
    this.#held = "";
    return rest;
  }

  #longestStopPrefixSuffix(buffer: string): number {
    let best = 0;
    for (const stop of this.#stops) {
      const max = Math.min(stop.length - 1, buffer.length);
      for (let n = max; n > best; n--) {
        if (buffer.endsWith(stop.slice(0, n))) {
          best = n;
          break;
        }
      }
    }
    return best;
  }
}
