/**
 * CPU time taken by other processes while a measurement runs (Linux /proc; elsewhere unknown). On a small
 * shared machine one busy neighbour costs llama.cpp far more than its share, because ggml's threads
 * spin-wait for each other at every barrier, so each timed run records it and runs can wait for quiet.
 */
import { readFileSync } from "node:fs";

interface CpuTimes {
  /** Ticks of all CPUs, steal included. */
  total: number;
  /** Ticks the CPUs were busy (not idle, iowait or stolen). */
  busy: number;
  /** Ticks used by this process, all threads, and its reaped children. */
  own: number;
}

function readCpuTimes(): CpuTimes | undefined {
  try {
    const fields = /^cpu\s+(.+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]?.split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already counted in user)
    const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] =
      fields ?? [];
    const self = readFileSync("/proc/self/stat", "utf8");
    // utime stime cutime cstime: children (the membw probe) count as ours once reaped
    const [utime = 0, stime = 0, cutime = 0, cstime = 0] = self
      .slice(self.lastIndexOf(")") + 2)
      .split(" ")
      .slice(11, 15)
      .map(Number);
    return {
      total: user + nice + system + idle + iowait + irq + softirq + steal,
      busy: user + nice + system + irq + softirq,
      own: utime + stime + cutime + cstime,
    };
  } catch {
    return undefined;
  }
}

/** Starts watching; the returned function gives the share of all CPUs other processes used since. */
export function watchOtherCpu(): () => number | undefined {
  const start = readCpuTimes();
  return () => {
    const end = readCpuTimes();
    if (start == null || end == null || end.total <= start.total) return undefined;
    const others = end.busy - start.busy - (end.own - start.own);
    return Math.max(0, others) / (end.total - start.total);
  };
}

/**
 * Waits until other processes use less than `threshold` of the CPUs over one second, for at most
 * `maxWaitMs` (0: not at all); returns the last share seen. Our own process should be idle meanwhile.
 */
export async function waitForQuiet(
  log: (line: string) => void,
  { threshold = 0.1, maxWaitMs = 180_000 } = {},
): Promise<number | undefined> {
  if (maxWaitMs <= 0) return undefined;
  const deadline = performance.now() + maxWaitMs;
  let logged = false;
  for (;;) {
    const stop = watchOtherCpu();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const share = stop();
    if (share == null || share < threshold) return share;
    if (performance.now() > deadline) {
      log(`other processes still use ${(share * 100).toFixed(0)} % of the CPUs; measuring anyway`);
      return share;
    }
    if (!logged)
      log(`waiting for other processes to go quiet (they use ${(share * 100).toFixed(0)} % of the CPUs)`);
    logged = true;
  }
}
