import type { IsolationKind } from "./sandbox-options.js";

export interface SandboxTools {
  bwrap: string | null;
  unshare: string | null;
  setpriv: string | null;
}

export interface CommandInput {
  kind: IsolationKind;
  tools: SandboxTools;
  /** Absolute path of the Python executable (as seen inside the sandbox: the host's, read-only). */
  python: string;
  /** deepthink runs as root: drop to runAsUid/runAsGid first, or RLIMIT_NPROC would not apply at all. */
  asRoot: boolean;
  runAsUid: number;
  runAsGid: number;
  tmpfsBytes: number;
  /** Host directory that is the program's writable temp dir (unshare-net and none only). */
  workDir: string;
  /** The Python program to run (the driver), passed with `-c` so nothing has to exist on disk. */
  script: string;
}

export interface SandboxCommand {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
}

const PATH = "/usr/local/bin:/usr/bin:/bin";

/**
 * The argv that runs `python -I -c script` isolated as `kind` asks. Root drops privileges with setpriv
 * before anything else: the kernel exempts uid 0 from RLIMIT_NPROC, so a fork bomb run as root (even
 * inside a user namespace mapped to root) would not be stopped by the process limit.
 */
export function sandboxCommand(input: CommandInput): SandboxCommand {
  const python = [input.python, "-I", "-c", input.script];
  const drop = input.asRoot
    ? [
        need(input.tools.setpriv, "setpriv"),
        `--reuid=${input.runAsUid}`,
        `--regid=${input.runAsGid}`,
        "--clear-groups",
        "--",
      ]
    : [];
  let argv: string[];
  switch (input.kind) {
    case "bwrap":
      argv = [...drop, need(input.tools.bwrap, "bwrap"), ...bwrapArgs(input.tmpfsBytes), "--", ...python];
      // Outside cwd and env do not reach the program: bwrap --chdir and --clearenv set its own.
      return { command: argv[0]!, args: argv.slice(1), cwd: "/", env: { PATH } };
    case "unshare-net": {
      // A new network and pid namespace only: the filesystem stays writable wherever the user may write.
      const unshare = need(input.tools.unshare, "unshare");
      const ns = ["--net", "--pid", "--fork", "--kill-child"];
      argv = input.asRoot
        ? [unshare, ...ns, "--", ...drop, ...python]
        : [unshare, "--user", "--map-root-user", ...ns, "--", ...python];
      return { command: argv[0]!, args: argv.slice(1), cwd: input.workDir, env: sandboxEnv(input.workDir) };
    }
    case "none":
      argv = [...drop, ...python];
      return { command: argv[0]!, args: argv.slice(1), cwd: input.workDir, env: sandboxEnv(input.workDir) };
  }
}

function bwrapArgs(tmpfsBytes: number): string[] {
  const size = String(tmpfsBytes);
  const groups: string[][] = [
    // Every namespace: no network (only a loopback of its own), no view of host processes or IPC. The
    // user namespace is explicit (not -try) so that RLIMIT_NPROC counts this sandbox's processes only.
    ["--unshare-all", "--unshare-user", "--disable-userns", "--die-with-parent"],
    ["--ro-bind", "/", "/"],
    ["--dev", "/dev"],
    ["--proc", "/proc"],
    // Writable, size-capped and private; bwrap's own /dev/shm would be an unbounded tmpfs.
    ["--size", size, "--tmpfs", "/tmp"],
    ["--size", size, "--tmpfs", "/dev/shm"],
    // Host daemons' unix sockets live here, and a read-only mount does not stop connect() on a socket.
    ["--tmpfs", "/run"],
    ["--chdir", "/tmp"],
    ["--clearenv"],
    ...Object.entries(sandboxEnv("/tmp")).map(([name, value]) => ["--setenv", name, value]),
  ];
  return groups.flat();
}

/** The program's whole environment: nothing of deepthink's (API keys, tokens) is passed on. */
function sandboxEnv(tmp: string): Record<string, string> {
  return { PATH, HOME: tmp, TMPDIR: tmp, LANG: "C.UTF-8", OMP_NUM_THREADS: "1" };
}

function need(path: string | null, name: string): string {
  if (path == null) throw new Error(`${name} is not installed`);
  return path;
}
