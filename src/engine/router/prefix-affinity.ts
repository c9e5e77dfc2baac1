import { createHash } from "node:crypto";
import type { ChatMessage } from "../../protocol/types.js";

/**
 * One key per conversation prefix: key k covers messages 0..k (chained, so each key costs one hash of
 * one message). A follow-up turn shares every key of the turns before it, and its longest known key
 * names the replica that last served the conversation — the one whose prefix cache holds it (the idea
 * of SGLang's cache-aware router, without its radix tree: prefixes are matched per message).
 */
export function prefixKeys(messages: readonly ChatMessage[]): string[] {
  const keys: string[] = [];
  let previous = "";
  for (const message of messages) {
    previous = createHash("sha1")
      .update(previous)
      .update("\0")
      .update(message.role)
      .update("\0")
      .update(message.content)
      .digest("base64");
    keys.push(previous);
  }
  return keys;
}

/** Prefix key → replica index, least recently used forgotten first. */
export class AffinityTable {
  readonly #entries = new Map<string, number>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The replica of the longest known prefix. */
  lookup(keys: readonly string[]): number | undefined {
    for (let i = keys.length - 1; i >= 0; i--) {
      const replica = this.#entries.get(keys[i]!);
      if (replica != null) return replica;
    }
    return undefined;
  }

  record(keys: readonly string[], replica: number): void {
    for (const key of keys) {
      // Re-inserting moves the key to the young end of the Map's order.
      this.#entries.delete(key);
      this.#entries.set(key, replica);
    }
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.#capacity) break;
      this.#entries.delete(oldest);
    }
  }
}
