/**
 * Limits on attached files, checked before any extraction work: how many, how large each, how large
 * all together. The errors name the file and the limit, so a person knows what to change.
 */
import { DeepthinkError } from "../errors.js";
import { groupDigits } from "./token-budget.js";

export interface FileLimits {
  /** Files per message. */
  maxFiles: number;
  /** Bytes of one file as uploaded (before extraction). */
  maxFileBytes: number;
  /** Bytes of all files of one message together. */
  maxTotalBytes: number;
}

/** Generous for documents, small enough that extraction (PDF above all) stays quick and bounded in memory. */
export const DEFAULT_FILE_LIMITS: Readonly<FileLimits> = {
  maxFiles: 20,
  maxFileBytes: 20 * 1024 * 1024,
  maxTotalBytes: 50 * 1024 * 1024,
};

export interface SizedFile {
  name: string;
  bytes: { byteLength: number };
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, "")} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "")} MiB`;
}

/** Throws `invalid_request` naming the first file and limit broken; `param` is `files[i]` or `files`. */
export function checkFileLimits(files: readonly SizedFile[], limits: FileLimits = DEFAULT_FILE_LIMITS): void {
  if (files.length > limits.maxFiles) {
    throw new DeepthinkError(
      "invalid_request",
      `Too many files: ${files.length} attached, at most ${groupDigits(limits.maxFiles)} per message.`,
      { param: "files", hint: "attach fewer files, or merge them" },
    );
  }
  let total = 0;
  files.forEach((file, i) => {
    const size = file.bytes.byteLength;
    if (size > limits.maxFileBytes) {
      throw new DeepthinkError(
        "invalid_request",
        `File '${file.name}' is too large: ${formatSize(size)}, the limit is ${formatSize(limits.maxFileBytes)} per file.`,
        { param: `files[${i}]`, hint: "attach a smaller file or an excerpt of it" },
      );
    }
    total += size;
  });
  if (total > limits.maxTotalBytes) {
    throw new DeepthinkError(
      "invalid_request",
      `The files are too large together: ${formatSize(total)}, the limit is ${formatSize(limits.maxTotalBytes)} per message.`,
      { param: "files", hint: "attach fewer or smaller files" },
    );
  }
}

/**
 * The name the model sees: no folders (a path can leak the uploader's directory layout), no control
 * characters (a newline would break the template's `[file name]:` line; bidi overrides could disguise it), at most 255 characters.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return clean === "" ? "file" : [...clean].slice(0, 255).join("");
}
