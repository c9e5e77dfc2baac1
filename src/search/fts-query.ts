/**
 * Text to what FTS5 indexes and matches. FTS5's unicode61 tokenizer splits on spaces and punctuation,
 * which Chinese and Japanese do not have, so CJK characters are spaced apart before indexing (one token
 * per character) and a CJK run in a query becomes phrases of adjacent character pairs: "搜索引擎" →
 * "搜 索" OR "索 引" OR "引 擎", which BM25 ranks by how many pairs a passage holds.
 */

const CJK_CHAR = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/gu;
const TERM = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+|[\p{L}\p{N}]+/gu;
const IS_CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** The text as FTS5 should see it. */
export function segmentForIndex(text: string): string {
  return text.replace(CJK_CHAR, " $1 ");
}

/** The query's words (lowercased) and CJK runs, for matching and for snippets. */
export function queryTerms(query: string): string[] {
  return [...query.matchAll(TERM)].map((m) => m[0].toLowerCase());
}

/**
 * An FTS5 MATCH expression: every term OR-ed (BM25 rewards passages holding more of them), each
 * quoted so FTS5 operators in the user's text (AND, NEAR, *, :) are just words. Null: nothing to search.
 */
export function buildFtsQuery(query: string): string | null {
  const parts = new Set<string>();
  for (const term of queryTerms(query)) {
    if (!IS_CJK.test(term)) {
      parts.add(`"${term}"`);
      continue;
    }
    const chars = [...term];
    if (chars.length === 1) parts.add(`"${chars[0]}"`);
    for (let i = 0; i + 1 < chars.length; i++) parts.add(`"${chars[i]} ${chars[i + 1]}"`);
  }
  return parts.size === 0 ? null : [...parts].join(" OR ");
}

/**
 * About `maxChars` of `text` around the first place a query term occurs (the start when none does),
 * on word boundaries where possible, with `…` where it was cut.
 */
export function snippetAround(text: string, terms: readonly string[], maxChars = 240): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= maxChars) return flat;
  const lower = flat.toLowerCase();
  const hits = terms
    .map((t) => lower.indexOf(IS_CJK.test(t) ? [...t].slice(0, 2).join("") : t))
    .filter((i) => i >= 0);
  const hit = hits.length > 0 ? Math.min(...hits) : 0;
  let start = Math.max(0, hit - Math.floor(maxChars / 4));
  if (start > 0) {
    const space = flat.indexOf(" ", start);
    if (space > 0 && space < hit) start = space + 1;
  }
  let end = Math.min(flat.length, start + maxChars);
  if (end < flat.length) {
    const space = flat.lastIndexOf(" ", end);
    if (space > start + maxChars / 2) end = space;
  }
  return `${start > 0 ? "…" : ""}${flat.slice(start, end).trim()}${end < flat.length ? "…" : ""}`;
}
