/**
 * What of a model is on disk: its complete files (all parts of a split model), a `.partial` download,
 * or nothing. Works offline from the names alone (see `local-names.ts`).
 */
import { readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { DeepthinkError } from "../errors.js";
import { splitPartName, splitPartOf } from "./gguf-file-names.js";
import { hfFileFileName, hfQuantFileName, PARTIAL_SUFFIX, urlFileName } from "./local-names.js";
import type { ModelRef } from "./model-ref.js";

/** File name → size in bytes, for the plain files of the models folder (empty when it does not exist). */
export type FolderListing = ReadonlyMap<string, number>;

export async function readModelsDir(modelsDir: string): Promise<FolderListing> {
  let names: string[];
  try {
    names = await readdir(modelsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return new Map();
    throw error;
  }
  const entries = await Promise.all(
    names.map(async (name) => {
      const info = await stat(join(modelsDir, name)).catch(() => undefined);
      return info?.isFile() === true ? ([name, info.size] as const) : undefined;
    }),
  );
  return new Map(entries.filter((entry) => entry != null));
}

/** The local file name of a ref's (first) file, before we know whether it is split. */
export function localFileName(ref: Exclude<ModelRef, { kind: "file" }>): string {
  switch (ref.kind) {
    case "alias": {
      const [user = "", repo = ""] = ref.entry.gguf.repo.split("/");
      return hfQuantFileName(user, repo, ref.quant);
    }
    case "hf":
      return hfQuantFileName(ref.user, ref.repo, ref.quant, ref.revision);
    case "hf-file":
      return hfFileFileName(ref.user, ref.repo, ref.path, ref.revision);
    case "url":
      return urlFileName(ref.url);
  }
}

/**
 * The names of all parts of the model whose single-file name is `name`: `[name]` when that file exists
 * or is itself a part name, else the parts of a split set `<stem>-0000k-of-0000N.gguf` found in the folder.
 */
export function partNames(name: string, listing: FolderListing): string[] {
  const split = splitPartOf(name);
  if (split != null) {
    const first = `${split.stem}.gguf`;
    return Array.from({ length: split.parts }, (_, i) => splitPartName(first, i + 1, split.parts));
  }
  if (listing.has(name) || listing.has(name + PARTIAL_SUFFIX)) return [name];
  const stem = name.replace(/\.gguf$/i, "");
  for (const candidate of [...listing.keys()].sort()) {
    const found = splitPartOf(candidate.replace(PARTIAL_SUFFIX, ""));
    if (found?.part === 1 && found.stem === stem)
      return partNames(splitPartName(name, 1, found.parts), listing);
  }
  return [name];
}

export interface LocalState {
  state: "downloaded" | "partial" | "missing";
  /** Absolute paths of all parts, first part first (whether or not they exist yet). */
  files: string[];
  /** Bytes on disk: complete parts plus `.partial` files. */
  bytesOnDisk: number;
}

/** Inspect the local copy of a model whose (first) file is named `name`. */
export function localState(modelsDir: string, name: string, listing: FolderListing): LocalState {
  const names = partNames(name, listing);
  let complete = 0;
  let bytesOnDisk = 0;
  for (const part of names) {
    const size = listing.get(part);
    if (size != null) {
      complete++;
      bytesOnDisk += size;
    } else {
      bytesOnDisk += listing.get(part + PARTIAL_SUFFIX) ?? 0;
    }
  }
  const state =
    complete === names.length ? "downloaded" : bytesOnDisk > 0 || complete > 0 ? "partial" : "missing";
  return { state, files: names.map((part) => join(modelsDir, part)), bytesOnDisk };
}

/** The complete local copy of `ref` (all parts), or undefined. A `file` ref must exist as a file. */
export async function findLocalModel(
  ref: ModelRef,
  modelsDir: string,
): Promise<{ path: string; files: string[] } | undefined> {
  if (ref.kind === "file") {
    const info = await stat(ref.path).catch(() => undefined);
    if (info == null) return undefined;
    if (!info.isFile()) {
      throw new DeepthinkError("invalid_model_file", `${ref.path} is a folder, not a GGUF file.`, {
        param: "model",
        hint: "pass the path of the .gguf file itself (for a split model, its -00001-of-0000N.gguf part)",
      });
    }
    return { path: ref.path, files: [ref.path] };
  }
  const found = localState(modelsDir, localFileName(ref), await readModelsDir(modelsDir));
  const [first] = found.files;
  return found.state === "downloaded" && first != null ? { path: first, files: found.files } : undefined;
}
