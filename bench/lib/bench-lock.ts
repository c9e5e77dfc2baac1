/**
 * One benchmark at a time per machine: two at once measure each other. A lock file in the temp folder
 * holds the owner's pid; a lock whose owner is gone is stale and taken over. Best effort: it keeps
 * benchmarks from overlapping, it is not a mutex for anything that must never race.
 */
import { readFileSync, unlinkSync } from "node:fs";
import { open, readFile, unlink } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export const BENCH_LOCK_PATH = join(tmpdir(), "deepthink-bench.lock");

/** Waits for the lock (at most `maxWaitMs`, then goes ahead and says so); returns its release. */
export async function acquireBenchLock(
  log: (line: string) => void,
  { path = BENCH_LOCK_PATH, maxWaitMs = 30 * 60_000 } = {},
): Promise<() => void> {
  const deadline = performance.now() + maxWaitMs;
  let waitingFor: number | undefined;
  for (;;) {
    try {
      const file = await open(path, "wx");
      await file.writeFile(String(process.pid));
      await file.close();
      const release = () => {
        process.off("exit", release);
        try {
          if (readFileSync(path, "utf8") === String(process.pid)) unlinkSync(path);
        } catch {}
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    if (performance.now() > deadline) {
      log(`another benchmark still holds ${path}; measuring anyway`);
      return () => {};
    }
    const text = await readFile(path, "utf8").catch(() => undefined);
    if (text == null) continue; // released meanwhile
    const owner = Number(text);
    if (text === "") {
      await sleep(200); // its owner is writing the pid
      continue;
    }
    if (!isAlive(owner)) {
      await unlink(path).catch(() => {});
      continue;
    }
    if (waitingFor !== owner) log(`waiting for the benchmark in pid ${owner} to finish (${path})`);
    waitingFor = owner;
    await sleep(5000);
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
