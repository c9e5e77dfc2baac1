/**
 * Fitting attached files into the context. The budget covers the whole file part of the prompt — every
 * file's block as the README's template renders it, names and markers included — so the caller passes
 * what is left after the question and the room reserved for the answer. Files that fit stay whole; when
 * they do not, the longest are cut first, to equal length (later files first on ties), and each cut file
 * ends with a visible notice inside its content: `[… truncated: 12,345 of 20,000 tokens shown]`.
 */
import { DeepthinkError } from "../errors.js";
import { type PromptFile, renderFileBlock } from "../protocol/file-template.js";
import { fitBlocks } from "./fit-blocks.js";
import { type CountTokens, groupDigits } from "./token-budget.js";

export interface FileTruncation {
  /** Position in the list (0-based) and name, for the edges' warning. */
  index: number;
  name: string;
  shownTokens: number;
  totalTokens: number;
}

export interface FittedFiles<T extends PromptFile> {
  files: T[];
  truncations: FileTruncation[];
  /** Tokens of the rendered file blocks, as counted by `countTokens`. */
  tokens: number;
}

/** Throws `context_length_exceeded` when not even a notice per file fits. */
export function fitFilesToBudget<T extends PromptFile>(
  files: readonly T[],
  budgetTokens: number,
  countTokens: CountTokens,
): FittedFiles<T> {
  const withTexts = (texts: readonly string[]) =>
    files.map((file, i) => ({ name: file.name, content: texts[i] ?? "" }));
  const fitted = fitBlocks({
    texts: files.map((file) => file.content),
    overheads: files.map((file) => countTokens(renderFileBlock({ name: file.name, content: "" }))),
    budget: budgetTokens,
    countTokens,
    measure: (texts) => countTokens(withTexts(texts).map(renderFileBlock).join("")),
  });
  if (fitted == null) {
    const whole = countTokens(files.map(renderFileBlock).join(""));
    throw new DeepthinkError(
      "context_length_exceeded",
      `The attached files do not fit: ${files.length} file(s) of ${groupDigits(whole)} tokens, and only ${groupDigits(Math.max(0, budgetTokens))} tokens of the context are left for them.`,
      { param: "files", hint: "attach fewer files, or give the model a larger context (--ctx)" },
    );
  }
  return {
    files: files.map((file, i) => ({ ...file, content: fitted.texts[i] ?? "" })),
    truncations: fitted.cuts.map((cut) => ({ ...cut, name: files[cut.index]?.name ?? "" })),
    tokens: fitted.tokens,
  };
}
