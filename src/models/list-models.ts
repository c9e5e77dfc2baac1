/**
 * `listModels`: the catalog joined with the models folder — per quantisation, whether it is downloaded,
 * partly downloaded (with %), or missing, and whether it fits this machine's memory by `estimateRam` —
 * plus the GGUF files in the folder that belong to no catalog model ("stray": pulled by URL or `hf:`
 * ref to another repo, or copied in).
 */
import { basename, join } from "node:path";
import {
  CATALOG,
  type CatalogEntry,
  DEFAULT_RAM_CONTEXT_TOKENS,
  estimateRam,
  type QuantOption,
} from "./catalog.js";
import { splitPartName, splitPartOf } from "./gguf-file-names.js";
import type { ModelsHome } from "./home.js";
import { type FolderListing, localFileName, localState, readModelsDir } from "./local-files.js";
import { hfQuantFileName, PARTIAL_SUFFIX } from "./local-names.js";
import { isQuantTag } from "./model-ref.js";

export type Fit = "fits" | "tight" | "too-big";

export interface ListedQuant {
  quant: string;
  sizeBytes: number;
  parts: number;
  isDefault: boolean;
  ramBytes: number;
  fit: Fit;
  state: "downloaded" | "partial" | "missing";
  /** 0–100, for `partial`. */
  percent: number | undefined;
  /** The file to load (part 1), when downloaded. */
  path: string | undefined;
}

export interface ListedModel {
  entry: CatalogEntry;
  quants: ListedQuant[];
}

export interface StrayModel {
  /** Part 1 for a split model. */
  path: string;
  sizeBytes: number;
  parts: number;
}

export interface ModelList {
  modelsDir: string;
  totalMemoryBytes: number;
  contextTokens: number;
  models: ListedModel[];
  stray: StrayModel[];
}

export interface ListModelsOptions {
  home: ModelsHome;
  /** This machine's memory (inject `os.totalmem()`). */
  totalMemoryBytes: number;
  /** Context the RAM figures assume (default 8192). */
  contextTokens?: number;
}

/** fits: the estimate is at most 75% of memory (room for the OS and the rest); tight: up to 100%. */
export function fitOf(ramBytes: number, totalMemoryBytes: number): Fit {
  if (ramBytes <= totalMemoryBytes * 0.75) return "fits";
  return ramBytes <= totalMemoryBytes ? "tight" : "too-big";
}

function listQuant(
  entry: CatalogEntry,
  option: QuantOption,
  options: ListModelsOptions,
  listing: FolderListing,
  dir: string,
  claimed: Set<string>,
): ListedQuant {
  const [user = "", repo = ""] = entry.gguf.repo.split("/");
  const name = localFileName({ kind: "hf", input: "", user, repo, revision: "main", quant: option.quant });
  const local = localState(dir, name, listing);
  for (const file of local.files) claimed.add(file.slice(dir.length + 1));
  const ramBytes = estimateRam(entry, option, options.contextTokens ?? DEFAULT_RAM_CONTEXT_TOKENS);
  return {
    quant: option.quant,
    sizeBytes: option.sizeBytes,
    parts: option.parts,
    isDefault: option.quant === entry.gguf.defaultQuant,
    ramBytes,
    fit: fitOf(ramBytes, options.totalMemoryBytes),
    state: local.state,
    percent:
      local.state === "partial" ? Math.min(99.9, (local.bytesOnDisk / option.sizeBytes) * 100) : undefined,
    path: local.state === "downloaded" ? local.files[0] : undefined,
  };
}

/** The unclaimed GGUF files, split parts grouped into one set named by part 1. */
function unclaimedSets(dir: string, listing: FolderListing, claimed: Set<string>): StrayModel[] {
  const sets: StrayModel[] = [];
  for (const [name, size] of [...listing.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!/\.gguf$/i.test(name) || claimed.has(name)) continue;
    const split = splitPartOf(name);
    if (split != null && split.part !== 1) continue;
    let sizeBytes = size;
    for (let part = 2; split != null && part <= split.parts; part++) {
      const partName = splitPartName(`${split.stem}.gguf`, part, split.parts);
      sizeBytes += listing.get(partName) ?? listing.get(partName + PARTIAL_SUFFIX) ?? 0;
    }
    sets.push({ path: join(dir, name), sizeBytes, parts: split?.parts ?? 1 });
  }
  return sets;
}

/** A set named `hf_<user>_<model>.<QUANT>…` after a catalog repo: a quantisation the catalog does not list. */
function extraQuant(
  set: StrayModel,
  options: ListModelsOptions,
): { entry: CatalogEntry; quant: ListedQuant } | undefined {
  const name = basename(set.path);
  const stem = (splitPartOf(name)?.stem ?? name).replace(/\.gguf$/i, "");
  for (const entry of CATALOG) {
    const [user = "", repo = ""] = entry.gguf.repo.split("/");
    const prefix = hfQuantFileName(user, repo, "").replace(/\.gguf$/i, "");
    const quant = stem.startsWith(prefix) ? stem.slice(prefix.length) : "";
    if (quant === "" || !isQuantTag(quant)) continue;
    const option = { quant, sizeBytes: set.sizeBytes, parts: set.parts, verified: false };
    const ramBytes = estimateRam(entry, option, options.contextTokens ?? DEFAULT_RAM_CONTEXT_TOKENS);
    const listed: ListedQuant = {
      ...option,
      isDefault: false,
      ramBytes,
      fit: fitOf(ramBytes, options.totalMemoryBytes),
      state: "downloaded",
      percent: undefined,
      path: set.path,
    };
    return { entry, quant: listed };
  }
  return undefined;
}

export async function listModels(options: ListModelsOptions): Promise<ModelList> {
  const dir = options.home.modelsDir;
  const listing = await readModelsDir(dir);
  const claimed = new Set<string>();
  const models = CATALOG.map((entry) => ({
    entry,
    quants: entry.gguf.quants.map((option) => listQuant(entry, option, options, listing, dir, claimed)),
  }));
  const stray: StrayModel[] = [];
  for (const set of unclaimedSets(dir, listing, claimed)) {
    const extra = extraQuant(set, options);
    if (extra == null) stray.push(set);
    else models.find((model) => model.entry === extra.entry)?.quants.push(extra.quant);
  }
  return {
    modelsDir: dir,
    totalMemoryBytes: options.totalMemoryBytes,
    contextTokens: options.contextTokens ?? DEFAULT_RAM_CONTEXT_TOKENS,
    models,
    stray,
  };
}
