import { randomUUID } from "node:crypto";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LCB_DRIVER_SOURCE } from "./lcb-driver-source.js";
import { type SandboxTools, sandboxCommand } from "./sandbox-command.js";
import type { IsolationKind, ResolvedSandboxOptions } from "./sandbox-options.js";
import { type ProcessOutcome, runSandboxProcess } from "./sandbox-process.js";

/** A working sandbox: how to isolate, with which tools, running which Python. */
export interface Isolation {
  kind: IsolationKind;
  python: string;
  tools: SandboxTools;
  asRoot: boolean;
}

/** One program and its tests, in LiveCodeBench's terms. */
export interface DriverJob {
  code: string;
  mode: "stdin" | "functional";
  tests: Array<{ input: string; output: string }>;
  fnName?: string;
  timeoutMs: number;
}

/** Runs the driver on one job inside the isolation; the process and its temp dir are gone on return. */
export async function runDriver(
  isolation: Isolation,
  job: DriverJob,
  options: ResolvedSandboxOptions,
): Promise<ProcessOutcome> {
  const nonce = `${randomUUID()}:`;
  const { limits } = options;
  // LiveCodeBench's own outer limit for the whole run, (t + 1)·tests + 5 s, as CPU time.
  const cpuSeconds = limits.cpuSeconds ?? Math.ceil((job.timeoutMs / 1000 + 1) * job.tests.length + 5);
  const stdin = JSON.stringify({
    nonce,
    code: job.code,
    mode: job.mode,
    tests: job.tests.map((t) => ({ input: t.input, output: t.output })),
    fnName: job.fnName ?? null,
    timeoutMs: job.timeoutMs,
    reliabilityGuard: options.reliabilityGuard,
    maxCapturedChars: limits.maxCapturedChars,
    limits: {
      addressSpaceBytes: limits.addressSpaceBytes,
      cpuSeconds,
      maxProcesses: limits.maxProcesses,
      fileSizeBytes: limits.fileSizeBytes,
      openFiles: limits.openFiles,
      coreBytes: 0,
    },
  });
  // bwrap gives the program a private tmpfs; the weaker modes get a host directory, removed afterwards.
  const workDir = isolation.kind === "bwrap" ? null : await mkdtemp(join(tmpdir(), "deepthink-sandbox-"));
  try {
    if (workDir != null && isolation.asRoot) await chown(workDir, options.runAsUid, options.runAsGid);
    const command = sandboxCommand({
      kind: isolation.kind,
      tools: isolation.tools,
      python: isolation.python,
      asRoot: isolation.asRoot,
      runAsUid: options.runAsUid,
      runAsGid: options.runAsGid,
      tmpfsBytes: limits.tmpfsBytes,
      workDir: workDir ?? "/",
      script: LCB_DRIVER_SOURCE,
    });
    return await runSandboxProcess({
      command,
      stdin,
      nonce,
      budgetMs: (last) => (last == null ? options.startupMs : job.timeoutMs + options.graceMs),
      maxStdoutBytes: limits.maxStdoutBytes,
      maxStderrBytes: limits.maxStderrBytes,
      signal: options.signal,
    });
  } finally {
    if (workDir != null) await rm(workDir, { recursive: true, force: true });
  }
}
