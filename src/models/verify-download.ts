/**
 * The end of a download: the `.partial` is checked (size, then sha256) and only then renamed to its
 * final name; a bad one is deleted, so that neither the final name nor a later resume sees bad bytes.
 * Also the wording of a download that stopped before its end (abort, dropped connection).
 */
import type { Hash } from "node:crypto";
import { rename, stat, unlink } from "node:fs/promises";
import { DeepthinkError } from "../errors.js";
import { isAbortError, isNetworkError, unreachable } from "./download-errors.js";
import type { DownloadTarget } from "./download-file.js";

export async function sizeOf(path: string): Promise<number | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info?.isFile() === true ? info.size : undefined;
}

function nameOf(target: DownloadTarget): string {
  return target.dest.split(/[/\\]/).pop() ?? target.dest;
}

/** Check size and checksum of the finished `.partial`, then give it its final name. */
export async function finishDownload(
  target: DownloadTarget,
  partial: string,
  total: number | undefined,
  hash: Hash | undefined,
): Promise<void> {
  const size = (await sizeOf(partial)) ?? 0;
  const name = nameOf(target);
  if (total != null && size !== total) {
    await unlink(partial).catch(() => undefined);
    throw new DeepthinkError(
      "size_mismatch",
      `${name} came down as ${size} bytes, but ${total} were expected.`,
      {
        hint: "the file changed on the server or the transfer was cut; run the same command again",
      },
    );
  }
  if (hash != null && target.sha256 != null) {
    const actual = hash.digest("hex");
    if (actual !== target.sha256.toLowerCase()) {
      await unlink(partial).catch(() => undefined);
      throw new DeepthinkError(
        "checksum_mismatch",
        `${name} has sha256 ${actual}, but ${target.sha256} was expected.`,
        {
          hint: "the download was corrupted and has been deleted; run the same command again",
        },
      );
    }
  }
  await rename(partial, target.dest);
}

/** Why a transfer stopped before its end, as a typed error; the `.partial` stays for a resume. */
export function interrupted(
  target: DownloadTarget,
  error: unknown,
  done: number,
  total: number | undefined,
  viaHub: boolean,
): DeepthinkError {
  const name = nameOf(target);
  const where = `${done}${total != null ? ` of ${total}` : ""} bytes`;
  if (isAbortError(error)) {
    return new DeepthinkError(
      "aborted",
      `Download of ${name} stopped at ${where}; the partial file is kept.`,
      {
        cause: error,
      },
    );
  }
  if (isNetworkError(error)) {
    if (done === 0) return unreachable(target.url, error, viaHub);
    return new DeepthinkError("download_failed", `Download of ${name} was interrupted at ${where}.`, {
      cause: error,
      hint: "run the same command again to resume",
    });
  }
  return error instanceof DeepthinkError
    ? error
    : new DeepthinkError("download_failed", String(error), { cause: error });
}
