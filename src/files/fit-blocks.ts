/**
 * The budget arithmetic shared by attached files and search sources: several texts, each inside a
 * fixed wrapper (the template's markers), must fit `budget` tokens together. Texts that fit stay whole;
 * otherwise water-filling (`shareBudget`) cuts the longest first and each cut text ends with the visible
 * notice. Token counts of parts do not add up exactly to the count of their concatenation, so the real
 * rendering is measured and the allowance tightened, for a few rounds.
 */
import { type CountTokens, cutToTokens, shareBudget } from "./token-budget.js";

export interface BlockCut {
  /** Position of the text (0-based). */
  index: number;
  shownTokens: number;
  totalTokens: number;
}

export interface FittedBlocks {
  texts: string[];
  cuts: BlockCut[];
  /** Tokens of the whole rendering, as `measure` counted them. */
  tokens: number;
}

export interface FitBlocksInput {
  texts: readonly string[];
  /** Tokens of each wrapper with an empty text. */
  overheads: readonly number[];
  budget: number;
  countTokens: CountTokens;
  /** Tokens of the full rendering with these texts. */
  measure: (texts: readonly string[]) => number;
}

const ROUNDS = 4;

/** Null when it cannot fit (the wrappers alone overflow, or a cut text could not even hold its notice). */
export function fitBlocks(input: FitBlocksInput): FittedBlocks | null {
  const { texts, budget, countTokens, measure } = input;
  const whole = measure(texts);
  if (whole <= budget) return { texts: [...texts], cuts: [], tokens: whole };
  const sizes = texts.map((text) => countTokens(text));
  let contentBudget = budget - input.overheads.reduce((sum, n) => sum + n, 0);
  for (let round = 0; round < ROUNDS && contentBudget > 0; round++) {
    const allowances = shareBudget(sizes, contentBudget);
    const cuts: BlockCut[] = [];
    let emptied = false;
    const fitted = texts.map((text, index) => {
      const allowance = allowances[index] ?? 0;
      if (allowance >= (sizes[index] ?? 0)) return text;
      const cut = cutToTokens(text, allowance, countTokens);
      cuts.push({ index, shownTokens: cut.shownTokens, totalTokens: cut.totalTokens });
      if (cut.text === "") emptied = true;
      return cut.text;
    });
    // A text that cannot even show its notice would vanish silently: treat the set as not fitting.
    if (emptied) return null;
    const tokens = measure(fitted);
    if (tokens <= budget) return { texts: fitted, cuts, tokens };
    contentBudget -= tokens - budget;
  }
  return null;
}
