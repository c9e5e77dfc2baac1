/**
 * Cutting text to a number of tokens. The tokenizer is injected (`CountTokens`): in production the
 * engine's own (llama.cpp's vocabulary), where none is available `estimateTokens`, which is an estimate
 * and says so.
 */

/** Tokens of `text` under some tokenizer. Must be monotone enough that a prefix never counts more. */
export type CountTokens = (text: string) => number;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/**
 * An ESTIMATE for when no tokenizer is at hand (tests, an upstream engine that cannot tokenize): one
 * token per CJK character and one per 4 other characters, rounded up. R1's BPE vocabularies (Qwen,
 * Llama 3) average ~4 characters per token on English prose and about one per Chinese character, so
 * this is close there and errs high on code and numbers, which is the safe side for a budget.
 */
export function estimateTokens(text: string): number {
  const cjk = text.match(CJK)?.length ?? 0;
  return cjk + Math.ceil((text.length - cjk) / 4);
}

/** `12,345` — the grouping is fixed, not the machine's locale, so prompts are reproducible. */
export function groupDigits(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** The visible notice appended inside a cut text, on its own line. */
export function truncationNotice(shownTokens: number, totalTokens: number): string {
  return `[… truncated: ${groupDigits(shownTokens)} of ${groupDigits(totalTokens)} tokens shown]`;
}

/** Never cut between the two halves of a surrogate pair. */
function safeEnd(text: string, end: number): number {
  const code = text.charCodeAt(end - 1);
  return code >= 0xd800 && code <= 0xdbff ? end - 1 : end;
}

/**
 * The longest prefix of `text` with at most `maxTokens` tokens, ended at a line break or space when one
 * is near (within the last 10%), so the cut does not fall mid-word. Binary search on characters:
 * O(log n) calls of `countTokens`.
 */
export function prefixWithinTokens(text: string, maxTokens: number, countTokens: CountTokens): string {
  if (maxTokens <= 0) return "";
  if (countTokens(text) <= maxTokens) return text;
  let low = 0;
  let high = text.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (countTokens(text.slice(0, mid)) <= maxTokens) low = mid;
    else high = mid - 1;
  }
  const end = safeEnd(text, low);
  const head = text.slice(0, end);
  const floor = Math.floor(end * 0.9);
  const newline = head.lastIndexOf("\n");
  if (newline > floor) return head.slice(0, newline);
  const space = head.search(/\s\S*$/);
  return space > floor ? head.slice(0, space) : head;
}

export interface CutText {
  text: string;
  /** Tokens of the original text. */
  totalTokens: number;
  /** Tokens of the original text kept (the notice not included). */
  shownTokens: number;
  truncated: boolean;
}

/**
 * `text` within `maxTokens` tokens, notice included: unchanged when it fits, else a prefix followed by
 * `\n` and `truncationNotice(shown, total)`. When not even the notice fits, the result is empty.
 */
export function cutToTokens(text: string, maxTokens: number, countTokens: CountTokens): CutText {
  const totalTokens = countTokens(text);
  if (totalTokens <= maxTokens) return { text, totalTokens, shownTokens: totalTokens, truncated: false };
  // The notice's own size depends on the numbers in it; the total's width bounds it from above.
  const noticeTokens = countTokens(`\n${truncationNotice(totalTokens, totalTokens)}`);
  if (maxTokens - noticeTokens <= 0) return { text: "", totalTokens, shownTokens: 0, truncated: true };
  const head = prefixWithinTokens(text, maxTokens - noticeTokens, countTokens).trimEnd();
  const shownTokens = countTokens(head);
  const notice = truncationNotice(shownTokens, totalTokens);
  return { text: head === "" ? notice : `${head}\n${notice}`, totalTokens, shownTokens, truncated: true };
}

/**
 * Share `budget` tokens between texts by water-filling: every text gets up to the same cap, the cap as
 * high as the budget allows, so short texts stay whole and only the longest are cut (to equal length).
 * Returns each text's allowance. Ties in rounding go to the earlier texts, so later ones are cut first.
 */
export function shareBudget(sizes: readonly number[], budget: number): number[] {
  const total = sizes.reduce((sum, n) => sum + n, 0);
  if (total <= budget) return [...sizes];
  // Smallest first; among equals the later text first, so the earlier ones receive the rounding remainder.
  const order = sizes
    .map((size, index) => ({ size, index }))
    .sort((a, b) => a.size - b.size || b.index - a.index);
  const allowance = new Array<number>(sizes.length).fill(0);
  let left = Math.max(0, budget);
  let remaining = order.length;
  for (const { size, index } of order) {
    const fair = Math.floor(left / remaining);
    const give = Math.min(size, fair);
    allowance[index] = give;
    left -= give;
    remaining--;
  }
  // Floor rounding leaves a few tokens; hand them out in file order to the texts that were cut.
  for (let i = 0; i < sizes.length && left > 0; i++) {
    const room = (sizes[i] ?? 0) - (allowance[i] ?? 0);
    const extra = Math.min(room, left);
    allowance[i] = (allowance[i] ?? 0) + extra;
    left -= extra;
  }
  return allowance;
}
