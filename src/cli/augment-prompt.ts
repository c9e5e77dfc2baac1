import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import type { Engine } from "../engine/spec.js";
import { estimateTokens } from "../files/token-budget.js";
import { augmentQuestion } from "../search/augment-question.js";
import type { NumberedSource } from "../search/search-and-read.js";
import { type SearchConfig, searchConfigFromEnv } from "../search/search-config.js";
import type { CliIo } from "./cli-io.js";

export interface PromptContextFlags {
  file?: string[];
  search?: boolean;
  searchProvider?: "searxng" | "brave" | "tavily" | "local";
  maxTokens?: number;
}

export interface AugmentedPrompt {
  prompt: string;
  sources: NumberedSource[];
  /** One line per file cut to fit the context. */
  notices: string[];
}

/** Reads the attached files and the search settings up front, so a bad path fails before a model loads. */
export async function preparePromptContext(flags: PromptContextFlags, io: CliIo) {
  const files = await Promise.all(
    (flags.file ?? []).map(async (path) => ({
      name: basename(path),
      bytes: new Uint8Array(await readFile(path)),
    })),
  );
  const search: SearchConfig | null =
    flags.search === true
      ? searchConfigFromEnv(io.env, {
          fetch: io.fetch,
          ...(flags.searchProvider != null ? { provider: flags.searchProvider } : {}),
        })
      : null;
  return { files, search };
}

/**
 * The question with its files (the README's file template) and search results (its search template),
 * fitted into what the context leaves after the answer's room: max tokens, or half the context.
 */
export async function augmentPrompt(
  question: string,
  context: Awaited<ReturnType<typeof preparePromptContext>>,
  engine: Engine,
  maxTokens: number | undefined,
  signal: AbortSignal,
): Promise<AugmentedPrompt> {
  const { files, search } = context;
  if (files.length === 0 && search == null) return { prompt: question, sources: [], notices: [] };
  const contextSize = engine.info().contextSize;
  const answerRoom = Math.min(maxTokens ?? Math.floor(contextSize / 2), contextSize - 64);
  const augmented = await augmentQuestion({
    question,
    files,
    countTokens: (text) => engine.countTokens?.(text) ?? estimateTokens(text),
    search:
      search != null
        ? {
            provider: search.provider,
            count: search.count,
            readTop: search.readTop,
            fetch: { allowNetworks: search.allowNetworks },
          }
        : null,
    budgetTokens: contextSize - answerRoom,
    signal,
  });
  return {
    prompt: augmented.prompt,
    sources: augmented.sources,
    notices: augmented.truncations.map(
      (t) => `${t.name} was cut to fit the context: ${t.shownTokens} of ${t.totalTokens} tokens shown`,
    ),
  };
}
