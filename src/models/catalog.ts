/**
 * The DeepSeek-R1 family as data: ten models, their GGUF sources and quantisations. Lookups are
 * case-insensitive and accept the canonical alias, the extra aliases, and the original repo's name or id
 * (`DeepSeek-R1-Distill-Qwen-7B`, `deepseek-ai/DeepSeek-R1-Distill-Qwen-7B`).
 */
import { DISTILLS } from "./catalog-distills.js";
import { MOE_MODELS } from "./catalog-moe.js";
import type { CatalogEntry, QuantOption } from "./catalog-types.js";

export type { AttentionShape, CatalogEntry, GgufSource, QuantOption } from "./catalog-types.js";
export { DEFAULT_RAM_CONTEXT_TOKENS, estimateRam, kvCacheBytesPerToken } from "./estimate-ram.js";

/** The model used when none is named: small enough for any laptop. */
export const DEFAULT_MODEL_ALIAS = "r1-distill-qwen-1.5b";

/** Every model, smallest distill first, then the 671B models and the 0528 distill. */
export const CATALOG: readonly CatalogEntry[] = [...DISTILLS, ...MOE_MODELS];

function namesOf(entry: CatalogEntry): string[] {
  const repoName = entry.originalRepo.split("/").pop() ?? entry.originalRepo;
  return [entry.alias, ...entry.aliases, entry.originalRepo, repoName].map((name) => name.toLowerCase());
}

const BY_NAME: ReadonlyMap<string, CatalogEntry> = new Map(
  CATALOG.flatMap((entry) => namesOf(entry).map((name) => [name, entry] as const)),
);

/** Every name a model can be called by, lower-cased (for suggestions). */
export function catalogNames(): string[] {
  return [...BY_NAME.keys()];
}

/** The entry a name refers to, or undefined. */
export function findCatalogEntry(name: string): CatalogEntry | undefined {
  return BY_NAME.get(name.trim().toLowerCase());
}

/** The entry whose default GGUF repo is `repo` (`user/name`, case-insensitive), or undefined. */
export function findCatalogEntryByGgufRepo(repo: string): CatalogEntry | undefined {
  const wanted = repo.toLowerCase();
  return CATALOG.find((entry) => entry.gguf.repo.toLowerCase() === wanted);
}

/** The quantisation `quant` (case-insensitive) of an entry, or undefined. */
export function findQuant(entry: CatalogEntry, quant: string): QuantOption | undefined {
  const wanted = quant.toUpperCase();
  return entry.gguf.quants.find((option) => option.quant.toUpperCase() === wanted);
}

/** The entry's default quantisation (every entry has one; the catalog test checks it). */
export function defaultQuant(entry: CatalogEntry): QuantOption {
  const option = findQuant(entry, entry.gguf.defaultQuant);
  if (option == null) throw new Error(`catalog: ${entry.alias} has no ${entry.gguf.defaultQuant} quant`);
  return option;
}
