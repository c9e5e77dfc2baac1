/**
 * The names models get in the models folder. One flat folder, names chosen so that the same ref always
 * maps to the same file and a model can be found offline, without asking the Hub:
 *
 *   hf:<user>/<repo>:<QUANT> (and catalog aliases, which are such refs)
 *       hf_<user>_<repo without -GGUF>.<QUANT>.gguf
 *       hf_<user>_<repo without -GGUF>.<QUANT>-00001-of-0000N.gguf …   when split into N parts
 *   hf:<user>/<repo>/<path>/<file>.gguf
 *       hf_<user>_[<repo>_][<folders joined by __>_]<file>.gguf          (repo and folders only when the
 *       file name does not already start with them)
 *   https://<host>/…/<file>.gguf
 *       url_<host>_<file>.gguf
 *
 * The `hf_` names are node-llama-cpp's (`resolveModelFile`), so a folder filled by either tool serves both.
 * A non-`main` revision adds `_<revision>` after the repo. Downloads in progress end in `.partial`.
 */
import { baseName, safeFileName, splitPartName, splitPartOf } from "./gguf-file-names.js";

export const PARTIAL_SUFFIX = ".partial";

function withoutGgufSuffix(repo: string): string {
  return repo.toLowerCase().endsWith("-gguf") ? repo.slice(0, -"-gguf".length) : repo;
}

/** Name of an `hf:user/repo:QUANT` model: the single file, or part `part` of `parts`. */
export function hfQuantFileName(
  user: string,
  repo: string,
  quant: string,
  revision = "main",
  split?: { part: number; parts: number },
): string {
  const prefix = revision === "main" ? `hf_${user}_` : `hf_${user}_${repo}_${revision}_`;
  const name = safeFileName(`${prefix}${withoutGgufSuffix(repo)}.${quant.toUpperCase()}.gguf`);
  return split == null ? name : splitPartName(name, split.part, split.parts);
}

function startsWithIgnoringCase(text: string, prefix: string): boolean {
  return text.toLowerCase().startsWith(prefix.toLowerCase());
}

/** Name of one file of a Hub repo, `path` being its path inside the repo. */
export function hfFileFileName(user: string, repo: string, path: string, revision = "main"): string {
  const fileName = baseName(path);
  const folders = path.split("/").slice(0, -1);
  const stem = (splitPartOf(fileName)?.stem ?? fileName).replace(/\.gguf$/i, "");
  const parts = ["hf", user];
  const namedAfterRepo =
    repo.toLowerCase().endsWith("-gguf") && startsWithIgnoringCase(stem, withoutGgufSuffix(repo));
  if (!namedAfterRepo || revision !== "main") parts.push(repo);
  if (revision !== "main") parts.push(revision);
  // unsloth keeps split parts in a folder named after them: DeepSeek-R1-UD-IQ1_S/DeepSeek-R1-UD-IQ1_S-0000k-….
  if (folders.length > 0 && folders.at(-1)?.toLowerCase() === stem.toLowerCase()) folders.pop();
  if (folders.length > 0) parts.push(folders.join("__"));
  return safeFileName(`${parts.join("_")}_${fileName}`);
}

/** Name of a file downloaded from a plain URL. */
export function urlFileName(url: string): string {
  const parsed = new URL(url);
  const last = decodeURIComponent(parsed.pathname.split("/").pop() ?? "") || "model";
  const fileName = /\.gguf$/i.test(last) ? last : `${last}.gguf`;
  return safeFileName(`url_${parsed.host.replace(":", "-")}_${fileName}`);
}
