/**
 * Picking, from a repo's file listing, the file(s) a ref means: all parts of one quantisation, in part
 * order, or one named file (plus its sibling parts when it is part 1 of a split model).
 */
import { DeepthinkError } from "../errors.js";
import { baseName, quantOfFileName, splitPartOf } from "./gguf-file-names.js";
import type { HubFile } from "./hub-api.js";

function isModelGguf(file: HubFile): boolean {
  // Vision projectors ship next to some models; they are not the model.
  return /\.gguf$/i.test(file.path) && !/mmproj/i.test(baseName(file.path));
}

/** The quant tags present in a listing, sorted. */
export function availableQuants(files: readonly HubFile[]): string[] {
  const tags = new Set<string>();
  for (const file of files) {
    const tag = isModelGguf(file) ? quantOfFileName(file.path) : undefined;
    if (tag != null) tags.add(tag);
  }
  return [...tags].sort();
}

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/") + 1);
}

/** All parts of the split set `first` belongs to (same folder, stem and count), ordered 1..N. */
function splitSet(files: readonly HubFile[], first: HubFile, what: string): HubFile[] {
  const split = splitPartOf(baseName(first.path));
  if (split == null) return [first];
  const parts = files
    .filter((file) => {
      const part = splitPartOf(baseName(file.path));
      return (
        folderOf(file.path) === folderOf(first.path) &&
        part?.stem === split.stem &&
        part.parts === split.parts
      );
    })
    .sort((a, b) => (splitPartOf(baseName(a.path))?.part ?? 0) - (splitPartOf(baseName(b.path))?.part ?? 0));
  if (parts.length !== split.parts) {
    throw new DeepthinkError(
      "download_failed",
      `${what} lists ${parts.length} of the ${split.parts} parts of ${split.stem}.`,
      { hint: "the upload may be incomplete; try again later or pick another quantisation" },
    );
  }
  return parts;
}

/** The files of quantisation `quant` in repo `repoId`, first part first. */
export function selectQuantFiles(files: readonly HubFile[], quant: string, repoId: string): HubFile[] {
  const wanted = quant.toUpperCase();
  const matching = files.filter((file) => isModelGguf(file) && quantOfFileName(file.path) === wanted);
  if (matching.length === 0) {
    const available = availableQuants(files);
    const list = available.length > 0 ? `; it has ${available.join(", ")}` : "; it has no GGUF files";
    throw new DeepthinkError("model_not_found", `${repoId} has no ${wanted} quantisation${list}.`, {
      param: "quant",
      hint:
        available[0] != null
          ? `pick one, e.g. deepthink pull hf:${repoId}:${available.includes("Q4_K_M") ? "Q4_K_M" : available[0]}`
          : "pick a repo that publishes GGUF files (names ending in -GGUF)",
    });
  }
  // Prefer a single file over split sets; among split sets, the first by path.
  const single = matching.find((file) => splitPartOf(baseName(file.path)) == null);
  if (single != null) return [single];
  const sorted = [...matching].sort((a, b) => a.path.localeCompare(b.path));
  const first = sorted.find((file) => splitPartOf(baseName(file.path))?.part === 1);
  if (first == null) {
    throw new DeepthinkError("download_failed", `${repoId} lists ${wanted} parts but not part 1.`, {
      hint: "the upload may be incomplete; try again later or pick another quantisation",
    });
  }
  return splitSet(files, first, repoId);
}

/** The file at `path` in repo `repoId` (all parts when it is part 1 of a split model). */
export function selectPathFiles(files: readonly HubFile[], path: string, repoId: string): HubFile[] {
  const file = files.find((candidate) => candidate.path === path);
  if (file == null) {
    const ggufs = files.filter(isModelGguf).map((candidate) => candidate.path);
    const shown = ggufs.slice(0, 10).join(", ") + (ggufs.length > 10 ? ", …" : "");
    throw new DeepthinkError(
      "model_not_found",
      `${repoId} has no file ${path}${ggufs.length > 0 ? `; its GGUF files: ${shown}` : ""}.`,
      {
        param: "model",
        hint: `list the files at https://huggingface.co/${repoId}/tree/main`,
      },
    );
  }
  // Part 1 of a split model brings its siblings; llama.cpp loads the rest from part 1's folder.
  return splitPartOf(baseName(path))?.part === 1 ? splitSet(files, file, repoId) : [file];
}
