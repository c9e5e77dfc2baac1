/**
 * One user message with its attachments and its web search, as the model will read it — the single call
 * the edges (API, `deepthink run`, the web app) make. Files go in the README's file template around the
 * user's words; with search on, that whole text is the `{question}` of the README's search template.
 * The language of the search template is decided from the user's own words, never from file contents.
 *
 * Budget: `budgetTokens` is everything this message may take. Search is done first and may use what the
 * files do not need, but at least 40% of the room when files are large; the files then get whatever
 * the sources left.
 */

import { extractFiles } from "../files/attach-files.js";
import type { ExtractedFile, FileInput } from "../files/extract-file.js";
import type { FileLimits } from "../files/file-limits.js";
import { type FileTruncation, fitFilesToBudget } from "../files/fit-files.js";
import type { CountTokens } from "../files/token-budget.js";
import { renderFileBlock, renderFilePrompt } from "../protocol/file-template.js";
import { detectQuestionLanguage, formatCurDate, renderSearchPrompt } from "../protocol/search-template.js";
import type { SafeFetchOptions } from "./safe-fetch.js";
import { type NumberedSource, searchAndRead } from "./search-and-read.js";
import type { SearchProvider } from "./types.js";

export interface AugmentQuestionInput {
  /** The user's own words (the search query, and what decides the template's language). */
  question: string;
  files?: readonly FileInput[];
  /** Null or absent: no search. */
  search?: {
    provider: SearchProvider;
    count?: number;
    readTop?: number;
    fetch?: Omit<SafeFetchOptions, "signal">;
  } | null;
  countTokens: CountTokens;
  /** Tokens the whole message may take: context − earlier turns − room kept for the answer. */
  budgetTokens: number;
  limits?: FileLimits;
  /** The clock for `{cur_date}`, and the time zone it is read in (default: this process's). */
  now?: () => Date;
  timeZone?: string;
  signal?: AbortSignal;
}

export interface AugmentedQuestion {
  /** The user message to send instead of `question`. */
  prompt: string;
  files: ExtractedFile[];
  truncations: FileTruncation[];
  /** Numbered as cited; empty without search. */
  sources: NumberedSource[];
}

const SEARCH_MIN_SHARE = 0.4;

export async function augmentQuestion(input: AugmentQuestionInput): Promise<AugmentedQuestion> {
  const { question, countTokens } = input;
  const language = detectQuestionLanguage(question);
  const curDate = formatCurDate((input.now ?? (() => new Date()))(), language, input.timeZone);
  const extracted = await extractFiles(input.files ?? [], input.limits);
  const promptFiles = extracted.map((file) => ({ ...file, content: file.text }));

  const templateTokens =
    input.search != null
      ? countTokens(renderSearchPrompt({ results: [], question: "", curDate, language }))
      : 0;
  const available = input.budgetTokens - countTokens(question) - templateTokens;
  let sources: NumberedSource[] = [];
  let sourceTokens = 0;
  if (input.search != null) {
    const filesNeed = countTokens(promptFiles.map(renderFileBlock).join(""));
    const searchBudget = Math.max(available - filesNeed, Math.floor(available * SEARCH_MIN_SHARE));
    const found = await searchAndRead(question, {
      ...input.search,
      budgetTokens: searchBudget,
      countTokens,
      signal: input.signal,
    });
    sources = found.sources;
    sourceTokens =
      countTokens(renderSearchPrompt({ results: sources, question: "", curDate, language })) - templateTokens;
  }
  const fitted =
    promptFiles.length === 0
      ? { files: [], truncations: [] }
      : fitFilesToBudget(promptFiles, available - sourceTokens, countTokens);
  const withFiles = renderFilePrompt(fitted.files, question);
  const prompt =
    input.search != null
      ? renderSearchPrompt({ results: sources, question: withFiles, curDate, language })
      : withFiles;
  return {
    prompt,
    files: fitted.files.map(({ content, ...file }) => ({ ...file, text: content })),
    truncations: fitted.truncations,
    sources,
  };
}
