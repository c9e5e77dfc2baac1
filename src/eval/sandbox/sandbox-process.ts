import { spawn } from "node:child_process";
import { constants } from "node:os";
import { type DriverEvent, parseDriverLine } from "./driver-events.js";
import type { SandboxCommand } from "./sandbox-command.js";

export interface ProcessInput {
  command: SandboxCommand;
  /** Written to the process's stdin, then closed. */
  stdin: string;
  nonce: string;
  /** Time allowed before the first event, and after each later one, before the whole group is killed. */
  budgetMs: (last: DriverEvent | null) => number;
  maxStdoutBytes: number;
  maxStderrBytes: number;
  signal: AbortSignal | undefined;
}

export interface ProcessOutcome {
  events: DriverEvent[];
  exitCode: number | null;
  /** The signal that ended the process, also when a wrapper (bwrap, unshare) reported it as 128 + n. */
  exitSignal: string | null;
  /** Set when we killed the process group: the watchdog fired, or the caller aborted. */
  killedBy: "watchdog" | "abort" | null;
  /** Milliseconds since the last event when the process ended (time spent in the test that was running). */
  sinceLastEventMs: number;
  /** The first maxStderrBytes of stderr (UTF-8, so a cut character may be mangled), and whether more was dropped. */
  stderr: string;
  stderrTruncated: boolean;
}

/**
 * Runs one sandboxed driver. The process leads its own process group (`detached`), and every way out —
 * watchdog, abort, the driver's `done`, a normal exit — ends with SIGKILL to the whole group, so nothing
 * the program started outlives it even where no pid namespace exists. Output is drained continuously
 * (a full pipe would stall the program into a false timeout) but only the first N bytes are kept.
 */
export function runSandboxProcess(input: ProcessInput): Promise<ProcessOutcome> {
  return new Promise((resolve) => {
    const child = spawn(input.command.command, input.command.args, {
      cwd: input.command.cwd,
      env: input.command.env,
      detached: true,
      stdio: ["pipe", "pipe", "pipe"],
    });
    const events: DriverEvent[] = [];
    let killedBy: ProcessOutcome["killedBy"] = null;
    let lastEventAt = performance.now();
    let stdoutBytes = 0;
    let pending = "";
    const stderr: Buffer[] = [];
    let stderrBytes = 0;
    let stderrTruncated = false;
    let settled = false;
    let endedAt: number | null = null;

    const killGroup = () => {
      if (child.pid == null) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // ESRCH: the group is already gone.
      }
    };
    const kill = (why: "watchdog" | "abort") => {
      killedBy ??= why;
      killGroup();
    };
    let timer = setTimeout(() => kill("watchdog"), input.budgetMs(null));
    const onAbort = () => kill("abort");
    input.signal?.addEventListener("abort", onAbort, { once: true });
    if (input.signal?.aborted) onAbort();

    const onEvent = (event: DriverEvent) => {
      events.push(event);
      lastEventAt = performance.now();
      clearTimeout(timer);
      // Grading is over: whatever the program left running (threads, children) goes now.
      if (event.e === "done") killGroup();
      else timer = setTimeout(() => kill("watchdog"), input.budgetMs(event));
    };
    // Decoded as a stream, so a character split across chunks survives (events are ASCII; junk may not be).
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      if (stdoutBytes >= input.maxStdoutBytes) return;
      stdoutBytes += chunk.length;
      pending += chunk;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const event = parseDriverLine(line, input.nonce);
        if (event != null) onEvent(event);
      }
    });
    child.stderr.on("data", (chunk: Buffer) => {
      const room = input.maxStderrBytes - stderrBytes;
      if (chunk.length > room) stderrTruncated = true;
      if (room <= 0) return;
      const kept = chunk.subarray(0, room);
      stderr.push(kept);
      stderrBytes += kept.length;
    });
    // EPIPE when the sandbox died before reading its job: the exit status tells the story.
    child.stdin.on("error", () => {});
    child.stdin.end(input.stdin);

    const finish = (exitCode: number | null, signal: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      input.signal?.removeEventListener("abort", onAbort);
      killGroup();
      resolve({
        events,
        exitCode,
        exitSignal: signal ?? (exitCode != null && exitCode > 128 ? signalName(exitCode - 128) : null),
        killedBy,
        sinceLastEventMs: (endedAt ?? performance.now()) - lastEventAt,
        stderr: Buffer.concat(stderr).toString("utf8"),
        stderrTruncated,
      });
    };
    child.on("error", (error) => {
      stderr.push(Buffer.from(`spawn ${input.command.command}: ${error.message}`));
      finish(null, null);
    });
    // After "exit", wait for "close" so the pipes deliver what the driver wrote last; but only briefly:
    // a straggler that escaped the group (no pid namespace) could hold them open for ever.
    child.on("exit", (code, signal) => {
      endedAt = performance.now();
      killGroup();
      setTimeout(() => finish(code, signal), 1000);
    });
    child.on("close", (code, signal) => finish(code, signal));
  });
}

function signalName(n: number): string {
  return Object.entries(constants.signals).find(([, value]) => value === n)?.[0] ?? `signal ${n}`;
}
