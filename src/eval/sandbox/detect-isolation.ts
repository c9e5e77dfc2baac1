import { execFile } from "node:child_process";
import { constants } from "node:fs";
import { access, realpath } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { DeepthinkError } from "../../errors.js";
import { type Isolation, runDriver } from "./run-driver.js";
import type { SandboxTools } from "./sandbox-command.js";
import {
  DEFAULT_LIMITS,
  type IsolationKind,
  type ResolvedSandboxOptions,
  resolveSandboxOptions,
  type SandboxOptions,
} from "./sandbox-options.js";

const cache = new Map<string, Promise<Isolation>>();

/** The isolation programs would run under with these options: for a `doctor` command, or a test. */
export function detectSandbox(options: SandboxOptions = {}): Promise<Isolation> {
  return detectIsolation(resolveSandboxOptions(options));
}

/**
 * The strongest isolation that actually runs a program here, found once per configuration by grading
 * a one-line program for real (so a missing tool, a kernel without user namespaces or a Python the
 * sandbox user cannot read is caught before the first real job, not reported as a wrong answer).
 */
export function detectIsolation(options: ResolvedSandboxOptions): Promise<Isolation> {
  const { isolation, python, allowUnsandboxed, runAsUid, runAsGid } = options;
  const key = JSON.stringify([isolation, python, allowUnsandboxed, runAsUid, runAsGid]);
  let found = cache.get(key);
  if (found == null) {
    found = probe(options);
    cache.set(key, found);
    // A failure (say, bubblewrap not yet installed) is not remembered.
    found.catch(() => cache.delete(key));
  }
  return found;
}

async function probe(options: ResolvedSandboxOptions): Promise<Isolation> {
  const tools: SandboxTools = {
    bwrap: await which("bwrap"),
    unshare: await which("unshare"),
    setpriv: await which("setpriv"),
  };
  const asRoot = process.getuid?.() === 0;
  const kinds: IsolationKind[] =
    options.isolation !== "auto"
      ? [options.isolation]
      : ["bwrap", "unshare-net", ...(options.allowUnsandboxed ? (["none"] as const) : [])];
  if (kinds.includes("none") && !options.allowUnsandboxed) {
    throw new DeepthinkError(
      "invalid_argument",
      "isolation 'none' runs untrusted code unsandboxed; it needs allowUnsandboxed: true.",
      {
        param: "allowUnsandboxed",
      },
    );
  }
  const pythons = options.python != null ? [options.python] : await defaultPythons();
  const failures: string[] = [];
  for (const kind of kinds) {
    for (const python of pythons) {
      const isolation: Isolation = { kind, python, tools, asRoot };
      const why = await tryIsolation(isolation, options);
      if (why == null) return isolation;
      failures.push(`${kind} with ${python}: ${why}`);
    }
  }
  throw new DeepthinkError("internal", `No sandbox could run Python here. ${failures.join("; ")}`, {
    hint: "Install bubblewrap (apt-get install bubblewrap) and python3, or pass allowUnsandboxed: true to run with rlimits only.",
  });
}

async function tryIsolation(isolation: Isolation, options: ResolvedSandboxOptions): Promise<string | null> {
  try {
    const job = {
      code: "print(6 * 7)",
      mode: "stdin" as const,
      tests: [{ input: "", output: "42" }],
      timeoutMs: 10_000,
    };
    // Default limits, so the answer holds for every job; and the caller's abort signal is for its job
    // (a probe cut short would be misread as "unusable").
    const outcome = await runDriver(isolation, job, {
      ...options,
      limits: { ...DEFAULT_LIMITS },
      signal: undefined,
    });
    const result = outcome.events.find((e) => e.e === "result");
    if (result?.e === "result" && result.verdict === "pass") return null;
    const stderr = outcome.stderr.trim().split("\n").slice(-2).join(" | ");
    return `exit ${outcome.exitCode ?? outcome.exitSignal}${stderr !== "" ? `: ${stderr}` : ""}`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** python3 on PATH resolved to the real binary (pyenv shims and the like need an env the sandbox clears), then Debian's. */
async function defaultPythons(): Promise<string[]> {
  const found: string[] = [];
  const onPath = await which("python3");
  if (onPath != null) {
    try {
      const { stdout } = await promisify(execFile)(onPath, ["-c", "import sys; print(sys.executable)"], {
        timeout: 10_000,
      });
      // Not its realpath: a virtualenv's python is a symlink that only works under its own name.
      if (stdout.trim() !== "") found.push(stdout.trim());
    } catch {
      // Not runnable: try the next one.
    }
  }
  for (const fallback of ["/usr/bin/python3"]) {
    const seen = await Promise.all(found.map((p) => realpath(p).catch(() => p)));
    if ((await isExecutable(fallback)) && !seen.includes(await realpath(fallback))) found.push(fallback);
  }
  return found;
}

async function which(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (dir === "") continue;
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
