/** The machine a benchmark ran on, for the report. */
import { readFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";

export interface Machine {
  cpu: string;
  logicalCpus: number;
  memoryGiB: number;
  node: string;
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModelName() ?? cpus()[0]?.model ?? "unknown",
    logicalCpus: availableParallelism(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

function cpuModelName(): string | undefined {
  try {
    return /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1]?.trim();
  } catch {
    return undefined;
  }
}
