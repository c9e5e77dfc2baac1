/**
 * Seeded option shuffles for multiple choice. The order is a pure function of (seed, problem id, sample
 * index), so a resumed run shows each sample exactly the prompt it would have had, and the order is
 * stored with the sample anyway. `order[i]` is the original option shown at letter i; option 0 is the
 * correct one.
 */
import { createHash } from "node:crypto";

export function shuffledOrder(count: number, key: string): number[] {
  const next = mulberry32(seedOf(key));
  const order = Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/** The letter index at which the correct option (original index 0) is shown. */
export function correctPosition(order: readonly number[]): number {
  return order.indexOf(0);
}

function seedOf(key: string): number {
  return createHash("sha256").update(key).digest().readUInt32LE(0);
}

/** A small, well-mixed 32-bit generator: the same sequence on every platform and Node version. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
