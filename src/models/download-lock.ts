/**
 * One writer per download: two processes appending to the same `.partial` would interleave bytes.
 * `<final>.lock` holds the writer's pid; a lock whose process is gone (killed mid-download) is taken over.
 */
import { open, readFile, stat, unlink } from "node:fs/promises";
import { DeepthinkError } from "../errors.js";

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function isFresh(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => undefined);
  return info != null && Date.now() - info.mtimeMs < 10_000;
}

/** Take the lock for `dest`; resolves to the function that releases it. */
export async function acquireDownloadLock(dest: string): Promise<() => Promise<void>> {
  const lockPath = `${dest}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => unlink(lockPath).catch(() => undefined);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number.parseInt(await readFile(lockPath, "utf8").catch(() => ""), 10);
      // No pid yet: its owner created it a moment ago and is about to write it.
      const justCreated = !Number.isInteger(pid) && (await isFresh(lockPath));
      if (justCreated || (Number.isInteger(pid) && pid > 0 && isAlive(pid))) {
        const who =
          pid === process.pid ? "This process is" : `Another deepthink process (pid ${pid || "?"}) is`;
        throw new DeepthinkError("download_failed", `${who} already downloading ${dest}.`, {
          hint: `wait for it to finish, or stop it; if no such download runs, delete ${lockPath}`,
        });
      }
      await unlink(lockPath).catch(() => undefined);
    }
  }
  throw new DeepthinkError("download_failed", `Could not take the download lock ${lockPath}.`, {
    hint: `delete ${lockPath} if no download is running`,
  });
}
