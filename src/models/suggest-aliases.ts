/** "Did you mean …": the catalog aliases closest to a mistyped model name. */
import { CATALOG, catalogNames, findCatalogEntry } from "./catalog.js";

/** Edit distance (insertions, deletions, substitutions), two rows at a time. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * Up to `limit` canonical aliases nearest to `input`: by edit distance to any name of a model (alias,
 * extra alias, original repo name), or because one contains the other (`qwen-7b` → `r1-distill-qwen-7b`).
 */
export function suggestAliases(input: string, limit = 3): string[] {
  const wanted = input.trim().toLowerCase();
  if (wanted === "") return [];
  const best = new Map<string, number>();
  for (const name of catalogNames()) {
    const entry = findCatalogEntry(name);
    if (entry == null) continue;
    const distance = editDistance(wanted, name);
    const contains =
      Math.min(wanted.length, name.length) >= 4 && (name.includes(wanted) || wanted.includes(name));
    const score = contains ? Math.min(distance, 1.5) : distance;
    if (score > Math.max(2, Math.floor(wanted.length * 0.4))) continue;
    const previous = best.get(entry.alias);
    if (previous == null || score < previous) best.set(entry.alias, score);
  }
  // Only the nearest (ties included), as commander does for mistyped commands.
  const nearest = Math.min(...best.values());
  const order = new Map(CATALOG.map((entry, index) => [entry.alias, index]));
  return [...best.entries()]
    .filter(([, score]) => score <= nearest)
    .sort((a, b) => a[1] - b[1] || (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0))
    .slice(0, limit)
    .map(([alias]) => alias);
}
