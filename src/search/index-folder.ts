/**
 * `deepthink index <folder>`: the folder's documents into the local search index, incrementally. A file
 * whose size and modification time are unchanged is skipped without being read; one whose time changed
 * but whose SHA-256 did not is only re-stamped; anything else is extracted (src/files), chunked and
 * replaced. Files gone from the folder leave the index. Hidden entries, node_modules and symbolic links
 * are not followed (links can loop or lead out of the folder).
 */
import { createHash } from "node:crypto";
import { lstat, readdir, readFile } from "node:fs/promises";
import { basename, join, resolve, sep } from "node:path";
import { DeepthinkError } from "../errors.js";
import { type ExtractedFile, extractFile, type FileInput } from "../files/extract-file.js";
import { kindFromName } from "../files/file-kind.js";
import type { SearchIndexStore } from "../store/search-index-store.js";
import { chunkText } from "./chunk-text.js";
import { segmentForIndex } from "./fts-query.js";

export type IndexAction = "added" | "updated" | "unchanged" | "removed" | "failed" | "skipped";

export interface IndexProgress {
  action: IndexAction;
  path: string;
  /** Files handled so far and in all (removals come after, with done === total). */
  done: number;
  total: number;
  message?: string;
}

export interface IndexSummary {
  root: string;
  files: number;
  added: number;
  updated: number;
  unchanged: number;
  removed: number;
  skipped: number;
  failed: Array<{ path: string; message: string }>;
}

export interface IndexFolderOptions {
  store: SearchIndexStore;
  onProgress?: (event: IndexProgress) => void;
  /** Larger files are skipped (default 50 MiB). */
  maxFileBytes?: number;
  /** Injected for tests. */
  extract?: (input: FileInput) => Promise<ExtractedFile>;
}

const SKIP_DIRS = new Set(["node_modules", "__pycache__"]);

async function listFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.isSymbolicLink()) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) await walk(path);
      } else if (entry.isFile() && kindFromName(entry.name) != null) found.push(path);
    }
  };
  await walk(folder);
  return found.sort();
}

/** A document's title: a Markdown file's first heading, an HTML page's title line, else the file name. */
function titleOf(file: ExtractedFile, path: string): string {
  const first = file.text.split("\n", 1)[0]?.trim() ?? "";
  if (file.kind === "markdown" && /^#{1,6}\s/.test(first)) return first.replace(/^#+\s*/, "");
  if (file.kind === "html" && first !== "" && first.length <= 200) return first;
  return basename(path);
}

export async function indexFolder(folder: string, options: IndexFolderOptions): Promise<IndexSummary> {
  const root = resolve(folder);
  const info = await lstat(root).catch(() => null);
  if (info == null || !info.isDirectory()) {
    throw new DeepthinkError("invalid_argument", `${root} is not a folder.`, { param: "folder" });
  }
  const extract = options.extract ?? extractFile;
  const maxBytes = options.maxFileBytes ?? 50 * 1024 * 1024;
  const prefix = root.endsWith(sep) ? root : root + sep;
  const known = new Map(options.store.documentsUnder(prefix).map((doc) => [doc.path, doc]));
  const files = await listFiles(root);
  const summary: IndexSummary = {
    root,
    files: files.length,
    added: 0,
    updated: 0,
    unchanged: 0,
    removed: 0,
    skipped: 0,
    failed: [],
  };
  const report = (action: IndexAction, path: string, done: number, message?: string) => {
    if (action === "failed") summary.failed.push({ path, message: message ?? "" });
    else summary[action]++;
    options.onProgress?.({
      action,
      path,
      done,
      total: files.length,
      ...(message != null ? { message } : {}),
    });
  };
  for (const [i, path] of files.entries()) {
    const before = known.get(path);
    known.delete(path);
    try {
      const stat = await lstat(path);
      const mtimeMs = Math.floor(stat.mtimeMs);
      if (before != null && before.size === stat.size && before.mtimeMs === mtimeMs) {
        report("unchanged", path, i + 1);
        continue;
      }
      if (stat.size > maxBytes) {
        if (before != null) options.store.remove(path);
        report("skipped", path, i + 1, `larger than ${maxBytes} bytes`);
        continue;
      }
      const bytes = new Uint8Array(await readFile(path));
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      if (before != null && before.sha256 === sha256) {
        options.store.touch(path, stat.size, mtimeMs);
        report("unchanged", path, i + 1);
        continue;
      }
      const file = await extract({ name: basename(path), bytes });
      const title = titleOf(file, path);
      const chunks = chunkText(file.text).map((text) => ({ text, body: segmentForIndex(text) }));
      options.store.replace({ path, size: stat.size, mtimeMs, sha256, kind: file.kind, title }, chunks);
      report(before == null ? "added" : "updated", path, i + 1);
    } catch (error) {
      // Stale passages of a file that can no longer be read would answer for content that is gone.
      if (before != null) options.store.remove(path);
      report("failed", path, i + 1, error instanceof Error ? error.message : String(error));
    }
  }
  for (const path of known.keys()) {
    options.store.remove(path);
    report("removed", path, files.length);
  }
  return summary;
}
