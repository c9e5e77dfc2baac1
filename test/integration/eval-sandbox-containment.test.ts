/**
 * Hostile programs against the real sandbox: runaway loops, a fork bomb and a memory hog are stopped
 * within their limits, and nothing they started is left running. Needs bubblewrap (Debian: bubblewrap).
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { before, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import {
  type DriverJob,
  detectSandbox,
  runLcbJob,
  type SandboxOptions,
} from "../../src/eval/sandbox/index.js";

const TIMEOUT_MS = 1500;
const OPTIONS: SandboxOptions = { graceMs: 1000 };

const SANDBOX_UID = 65534; // what programs run as when the tests run as root (CI)
const asRoot = process.getuid?.() === 0;

/**
 * Processes by what /proc says. The driver's source (passed with -c) marks the sandbox's processes:
 * bwrap's (whose argv carries it) and the Pythons (`python -I -c source`), counted apart. As root, the
 * processes of the sandbox user are counted too: other work on the machine does not disturb that count.
 */
function processes(): { drivers: number; pythons: number; sandboxUser: number } {
  let drivers = 0;
  let pythons = 0;
  let sandboxUser = 0;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${name}/status`, "utf8"))?.[1];
      if (asRoot && Number(uid) === SANDBOX_UID) sandboxUser++;
      const cmdline = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (!cmdline.includes("deepthink LiveCodeBench driver")) continue;
      drivers++;
      if (cmdline.split("\0")[1] === "-I") pythons++;
    } catch {
      // Gone while we looked.
    }
  }
  return { drivers, pythons, sandboxUser };
}

/** Waits (briefly) for every sandboxed process to be gone; the kernel reaps a killed namespace in ms. */
async function assertNothingLeft(before: ReturnType<typeof processes>): Promise<void> {
  let now = processes();
  for (let i = 0; i < 40 && (now.drivers > 0 || now.sandboxUser > before.sandboxUser); i++) {
    await sleep(50);
    now = processes();
  }
  assert.equal(now.drivers, 0, "sandboxed processes left running");
  assert.ok(
    now.sandboxUser <= before.sandboxUser,
    `${before.sandboxUser} processes of uid ${SANDBOX_UID} before, ${now.sandboxUser} after`,
  );
}

const job = (code: string, timeoutMs = TIMEOUT_MS): DriverJob => ({
  code,
  mode: "stdin",
  tests: [
    { input: "", output: "1" },
    { input: "", output: "1" },
  ],
  timeoutMs,
});

describe("sandbox containment", () => {
  before(async () => {
    const isolation = await detectSandbox(OPTIONS);
    assert.equal(isolation.kind, "bwrap", "these tests need bubblewrap: apt-get install bubblewrap");
  });

  test("an infinite loop times out at the per-test limit and its process is gone", async () => {
    const baseline = processes();
    const started = performance.now();
    const run = await runLcbJob(job("while True:\n    pass"), OPTIONS);
    const elapsed = performance.now() - started;
    assert.deepEqual(
      run.tests.map((t) => t.verdict),
      ["timeout", "not-run"],
    );
    assert.ok(elapsed < TIMEOUT_MS + 1500, `took ${elapsed} ms`);
    await assertNothingLeft(baseline);
  });

  test("a loop that never yields to the alarm is killed by the wall-clock watchdog", async () => {
    // deque(maxlen=0) consumes an endless iterator in C without checking signals: SIGALRM never lands.
    const baseline = processes();
    const started = performance.now();
    const code = "import collections, itertools\ncollections.deque(itertools.repeat(None), maxlen=0)";
    const run = await runLcbJob(job(code), OPTIONS);
    const elapsed = performance.now() - started;
    assert.equal(run.tests[0]?.verdict, "timeout");
    assert.match(run.tests[0]?.detail ?? "", /killed after/);
    assert.ok(elapsed < TIMEOUT_MS + 1000 + 1500, `took ${elapsed} ms`);
    await assertNothingLeft(baseline);
  });

  test("a fork bomb is held to the process limit and leaves nothing behind", async () => {
    // reliability_guard nulls os.fork; posix.fork is the same system call, un-nulled. Every child forks
    // too, and errors (EAGAIN at the limit, the alarm) are swallowed, so only the watchdog can end it.
    const code = [
      "import posix",
      "while True:",
      "    try:",
      "        posix.fork()",
      "    except BaseException:",
      "        pass",
    ].join("\n");
    const baseline = processes();
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, processes().pythons);
    }, 20);
    const run = await runLcbJob(job(code), { ...OPTIONS, limits: { maxProcesses: 32 } });
    clearInterval(sampler);
    assert.equal(run.tests[0]?.verdict, "timeout");
    // RLIMIT_NPROC counts every process of the sandbox user in its namespace, bwrap's pid 1 included.
    assert.ok(peak > 1 && peak < 32, `peak of ${peak} sandboxed Python processes`);
    await assertNothingLeft(baseline);
    // The machine still forks and runs programs.
    const after = await runLcbJob(job("print(1)"), OPTIONS);
    assert.equal(after.tests[0]?.verdict, "pass");
  });

  test("a memory hog gets MemoryError, not the host's OOM killer", async () => {
    const whole = await runLcbJob(job("x = bytearray(8 * 1024 ** 3)\nprint(1)"), OPTIONS);
    assert.equal(whole.tests[0]?.verdict, "runtime-error");
    assert.match(whole.tests[0]?.detail ?? "", /MemoryError/);
    // Touching memory is slow on small VMs (~0.4 GB/s here), so this one gets a smaller limit and more time.
    const hog = "chunks = []\nwhile True:\n    chunks.append(bytearray(64 * 1024 ** 2))";
    const piecemeal = await runLcbJob(job(hog, 6000), {
      ...OPTIONS,
      limits: { addressSpaceBytes: 512 * 1024 ** 2 },
    });
    assert.equal(piecemeal.tests[0]?.verdict, "runtime-error");
    assert.match(piecemeal.tests[0]?.detail ?? "", /MemoryError/);
  });

  test("an abort kills the running program at once and rejects", async () => {
    const baseline = processes();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const started = performance.now();
    await assert.rejects(
      runLcbJob(job("while True:\n    pass", 10_000), { ...OPTIONS, signal: controller.signal }),
      {
        code: "aborted",
      },
    );
    assert.ok(performance.now() - started < 2000);
    await assertNothingLeft(baseline);
  });

  test("many programs at once share the pool and all finish", async () => {
    const baseline = processes();
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        runLcbJob(job(i % 2 === 0 ? "print(1)" : "print(2)"), { ...OPTIONS, concurrency: 2 }),
      ),
    );
    assert.deepEqual(
      runs.map((r) => r.tests[0]?.verdict),
      ["pass", "wrong", "pass", "wrong", "pass", "wrong"],
    );
    await assertNothingLeft(baseline);
  });
});
