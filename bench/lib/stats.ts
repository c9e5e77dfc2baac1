/** Small statistics for benchmark samples. */

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Rounds to `digits` decimals; NaN and infinities pass through. */
export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Number.isFinite(value) ? Math.round(value * scale) / scale : value;
}

/** Median of `pick` over samples, with the spread, e.g. for a table cell. */
export function summarize<T>(samples: readonly T[], pick: (sample: T) => number): Spread {
  const values = samples.map(pick);
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

export interface Spread {
  median: number;
  min: number;
  max: number;
}
