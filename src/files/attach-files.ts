/**
 * Attached files into the user's question, start to finish: the limits, extraction, fitting to the
 * token budget, the README's template. The edges (API, CLI, web app) call this and nothing else.
 */
import { renderFilePrompt } from "../protocol/file-template.js";
import { type ExtractedFile, extractFile, type FileInput } from "./extract-file.js";
import { checkFileLimits, DEFAULT_FILE_LIMITS, type FileLimits } from "./file-limits.js";
import { type FileTruncation, fitFilesToBudget } from "./fit-files.js";
import type { CountTokens } from "./token-budget.js";

export interface AttachFilesOptions {
  /** Tokens the file blocks may take (context − question − room kept for the answer). */
  budgetTokens: number;
  countTokens: CountTokens;
  limits?: FileLimits;
}

export interface AttachedFiles {
  /** The question with every file before it, as the model will see it. */
  prompt: string;
  /** The files as sent (content cut where it had to be), in order. */
  files: ExtractedFile[];
  truncations: FileTruncation[];
  /** Tokens of the file blocks. */
  tokens: number;
}

export async function extractFiles(
  inputs: readonly FileInput[],
  limits: FileLimits = DEFAULT_FILE_LIMITS,
): Promise<ExtractedFile[]> {
  checkFileLimits(inputs, limits);
  const files: ExtractedFile[] = [];
  // One at a time: a PDF's extraction holds its whole document in memory.
  for (const input of inputs) files.push(await extractFile(input));
  return files;
}

export async function attachFiles(
  inputs: readonly FileInput[],
  question: string,
  options: AttachFilesOptions,
): Promise<AttachedFiles> {
  const extracted = await extractFiles(inputs, options.limits);
  const promptFiles = extracted.map((file) => ({ ...file, content: file.text }));
  const fitted = fitFilesToBudget(promptFiles, options.budgetTokens, options.countTokens);
  const files = fitted.files.map(({ content, ...file }) => ({ ...file, text: content }));
  return {
    prompt: renderFilePrompt(fitted.files, question),
    files,
    truncations: fitted.truncations,
    tokens: fitted.tokens,
  };
}
