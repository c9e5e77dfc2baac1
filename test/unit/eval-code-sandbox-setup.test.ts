import assert from "node:assert/strict";
import { test } from "node:test";
import { sandboxCommand } from "../../src/eval/sandbox/sandbox-command.js";
import { resolveSandboxOptions } from "../../src/eval/sandbox/sandbox-options.js";
import { SlotPool } from "../../src/eval/sandbox/slot-pool.js";

const tools = { bwrap: "/usr/bin/bwrap", unshare: "/usr/bin/unshare", setpriv: "/usr/bin/setpriv" };
const base = {
  tools,
  python: "/usr/bin/python3",
  runAsUid: 65534,
  runAsGid: 65534,
  tmpfsBytes: 1024,
  workDir: "/w",
  script: "S",
};

test("root drops to the sandbox user before bwrap; bwrap isolates everything and clears the env", () => {
  const root = sandboxCommand({ ...base, kind: "bwrap", asRoot: true });
  assert.equal(root.command, "/usr/bin/setpriv");
  assert.deepEqual(root.args.slice(0, 5), [
    "--reuid=65534",
    "--regid=65534",
    "--clear-groups",
    "--",
    "/usr/bin/bwrap",
  ]);
  const args = root.args.join(" ");
  for (const flag of [
    "--unshare-all --unshare-user",
    "--ro-bind / /",
    "--size 1024 --tmpfs /tmp",
    "--clearenv",
    "--die-with-parent",
  ]) {
    assert.ok(args.includes(flag), flag);
  }
  assert.deepEqual(root.args.slice(-4), ["/usr/bin/python3", "-I", "-c", "S"]);
  const user = sandboxCommand({ ...base, kind: "bwrap", asRoot: false });
  assert.equal(user.command, "/usr/bin/bwrap");
});

test("the weaker modes run in the work dir; unshare maps a user namespace only when not root", () => {
  const asUser = sandboxCommand({ ...base, kind: "unshare-net", asRoot: false });
  assert.deepEqual(asUser.args.slice(0, 3), ["--user", "--map-root-user", "--net"]);
  assert.equal(asUser.cwd, "/w");
  assert.equal(asUser.env.HOME, "/w");
  const asRoot = sandboxCommand({ ...base, kind: "unshare-net", asRoot: true });
  assert.ok(asRoot.args.includes("/usr/bin/setpriv"));
  const none = sandboxCommand({ ...base, kind: "none", asRoot: false });
  assert.equal(none.command, "/usr/bin/python3");
  assert.throws(
    () => sandboxCommand({ ...base, tools: { ...tools, bwrap: null }, kind: "bwrap", asRoot: false }),
    /bwrap/,
  );
});

test("options: defaults, partial limits, concurrency clamped to the cores", () => {
  const resolved = resolveSandboxOptions({
    limits: { maxProcesses: 8, cpuSeconds: undefined },
    concurrency: 10_000,
  });
  assert.equal(resolved.limits.maxProcesses, 8);
  assert.equal(resolved.limits.addressSpaceBytes, 2 * 1024 ** 3);
  assert.ok(resolved.concurrency >= 1 && resolved.concurrency < 10_000);
  assert.equal(resolveSandboxOptions({ concurrency: 0 }).concurrency, 1);
  assert.equal(resolved.allowUnsandboxed, false);
});

test("the slot pool runs at most `size` tasks at once, in arrival order", async () => {
  const pool = new SlotPool(2);
  let running = 0;
  let peak = 0;
  const order: number[] = [];
  const task = (i: number) =>
    pool.run(async () => {
      running++;
      peak = Math.max(peak, running);
      order.push(i);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running--;
      if (i === 2) throw new Error("boom");
      return i;
    });
  const results = await Promise.allSettled([0, 1, 2, 3, 4, 5].map(task));
  assert.equal(peak, 2);
  assert.deepEqual(order, [0, 1, 2, 3, 4, 5]);
  assert.equal(results[2]?.status, "rejected");
  assert.equal(pool.running, 0);
  assert.equal(pool.waiting, 0);
  assert.throws(() => new SlotPool(0), RangeError);
});
