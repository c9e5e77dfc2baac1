import { availableParallelism } from "node:os";

/** How a program is isolated, strongest first. See docs/eval-sandbox.md for what each one leaves open. */
export type IsolationKind = "bwrap" | "unshare-net" | "none";

/** Per-process resource limits, set with setrlimit in the sandboxed Python before it reads the program. */
export interface SandboxLimits {
  /** RLIMIT_AS: virtual memory of the process. Allocating past it raises MemoryError. */
  addressSpaceBytes: number;
  /** RLIMIT_CPU: CPU seconds of the process. Default: LiveCodeBench's global timeout, (t + 1)·tests + 5. */
  cpuSeconds?: number;
  /** RLIMIT_NPROC: processes and threads of the sandbox user (per user namespace under bwrap). */
  maxProcesses: number;
  /** RLIMIT_FSIZE: largest file the program may write. */
  fileSizeBytes: number;
  /** RLIMIT_NOFILE: open file descriptors. */
  openFiles: number;
  /** Size of the private tmpfs at /tmp (and /dev/shm) under bwrap; it lives in RAM. */
  tmpfsBytes: number;
  /** What is kept of the process's real stdout (the event stream) and stderr (tracebacks, stray writes). */
  maxStdoutBytes: number;
  maxStderrBytes: number;
  /** Characters of a stdin program's captured print() output per test; past it the test is a runtime error. */
  maxCapturedChars: number;
}

export const DEFAULT_LIMITS: Readonly<SandboxLimits> = {
  addressSpaceBytes: 2 * 1024 ** 3,
  maxProcesses: 64,
  fileSizeBytes: 16 * 1024 ** 2,
  openFiles: 256,
  tmpfsBytes: 64 * 1024 ** 2,
  maxStdoutBytes: 1024 ** 2,
  maxStderrBytes: 64 * 1024,
  maxCapturedChars: 64 * 1024 ** 2,
};

export interface SandboxOptions {
  limits?: Partial<SandboxLimits>;
  /**
   * Programs run at once, process-wide, for all calls passing the same value. Clamped to 1..cores: CPU
   * contention turns into spurious timeouts (LiveCodeBench's README warns of the same). Default: cores.
   */
  concurrency?: number;
  /** Python executable. Default: `python3` on PATH, else /usr/bin/python3 — the first that runs sandboxed. */
  python?: string;
  /** "auto" (default) tries bwrap, then unshare-net, then — only with allowUnsandboxed — none. */
  isolation?: "auto" | IsolationKind;
  /** Permit running with rlimits only when no namespace can be created. Default false: that throws. */
  allowUnsandboxed?: boolean;
  /** When deepthink runs as root, programs run as this user and group instead. Default 65534 (nobody). */
  runAsUid?: number;
  runAsGid?: number;
  /** Slack on top of the per-test limit before the wall-clock watchdog kills the process group. */
  graceMs?: number;
  /** Time for the sandbox and Python to start and read the job, before the first event. */
  startupMs?: number;
  /** Apply LiveCodeBench's reliability_guard (os.fork = None, …) for parity. Default true. Not a sandbox. */
  reliabilityGuard?: boolean;
  signal?: AbortSignal;
}

export interface ResolvedSandboxOptions {
  limits: SandboxLimits;
  concurrency: number;
  python: string | undefined;
  isolation: "auto" | IsolationKind;
  allowUnsandboxed: boolean;
  runAsUid: number;
  runAsGid: number;
  graceMs: number;
  startupMs: number;
  reliabilityGuard: boolean;
  signal: AbortSignal | undefined;
}

export function resolveSandboxOptions(options: SandboxOptions = {}): ResolvedSandboxOptions {
  const cores = availableParallelism();
  return {
    limits: { ...DEFAULT_LIMITS, ...definedOnly(options.limits ?? {}) },
    concurrency: Math.min(cores, Math.max(1, Math.floor(options.concurrency ?? cores))),
    python: options.python,
    isolation: options.isolation ?? "auto",
    allowUnsandboxed: options.allowUnsandboxed ?? false,
    runAsUid: options.runAsUid ?? 65534,
    runAsGid: options.runAsGid ?? 65534,
    graceMs: options.graceMs ?? 1000,
    startupMs: options.startupMs ?? 15_000,
    reliabilityGuard: options.reliabilityGuard ?? true,
    signal: options.signal,
  };
}

/** `{cpuSeconds: undefined}` must not erase a default. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v != null)) as Partial<T>;
}
