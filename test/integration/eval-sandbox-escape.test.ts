/**
 * What a sandboxed program must not reach: the network (even our own loopback), the filesystem outside
 * its private temp dir, and unbounded memory through its output. Needs bubblewrap (Debian: bubblewrap).
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { after, before, describe, test } from "node:test";
import { type DriverJob, detectSandbox, runLcbJob } from "../../src/eval/sandbox/index.js";

const probe = (code: string, input: string, output: string): DriverJob => ({
  code,
  mode: "functional",
  fnName: "probe",
  tests: [{ input, output }],
  timeoutMs: 6000,
});

describe("sandbox escapes", () => {
  let server: Server;
  let port = 0;
  let connections = 0;

  before(async () => {
    const isolation = await detectSandbox();
    assert.equal(isolation.kind, "bwrap", "these tests need bubblewrap: apt-get install bubblewrap");
    server = createServer((socket) => {
      connections++;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    port = typeof address === "object" && address != null ? address.port : 0;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test("no network: not our loopback server, not a public address", async () => {
    // The public address is tried only once the program has seen that loopback is its one interface,
    // so a broken sandbox cannot send a packet off this machine.
    const code = `
import socket
class Solution:
    def probe(self, port):
        out = []
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
            out.append("loopback-connected")
        except OSError:
            out.append("loopback-blocked")
        names = [name for _, name in socket.if_nameindex()]
        if names != ["lo"]:
            out.append("interfaces: " + ",".join(names))
            return out
        try:
            socket.create_connection(("1.1.1.1", 53), timeout=2).close()
            out.append("public-connected")
        except OSError:
            out.append("public-blocked")
        return out`;
    const run = await runLcbJob(probe(code, String(port), '["loopback-blocked", "public-blocked"]'));
    assert.equal(run.tests[0]?.verdict, "pass", run.tests[0]?.detail);
    assert.equal(connections, 0, "the test server was reached from the sandbox");
  });

  test("writes outside the private temp dir fail, and the private one is not the host's", async () => {
    const name = `deepthink-escape-${randomUUID()}`;
    const paths = [
      `/tmp/${name}`,
      `/dev/shm/${name}`,
      `/etc/${name}`,
      `/var/tmp/${name}`,
      `${process.cwd()}/${name}`,
      `/root/${name}`,
    ];
    const code = `
class Solution:
    def probe(self, paths):
        out = []
        for path in paths:
            try:
                with open(path, "w") as f:
                    f.write("x")
                out.append("written")
            except OSError:
                out.append("denied")
        return out`;
    const expected = JSON.stringify(["written", "written", "denied", "denied", "denied", "denied"]);
    const run = await runLcbJob(probe(code, JSON.stringify(paths), expected));
    assert.equal(run.tests[0]?.verdict, "pass", run.tests[0]?.detail);
    for (const path of paths) assert.equal(existsSync(path), false, `${path} exists on the host`);
  });

  test("a file larger than the size limit cannot be written", async () => {
    const code = `
class Solution:
    def probe(self, n):
        try:
            with open("/tmp/big", "wb") as f:
                f.write(b"x" * n)
            return "written"
        except OSError as e:
            return "denied"`;
    const run = await runLcbJob(probe(code, String(2 * 1024 * 1024), '"denied"'), {
      limits: { fileSizeBytes: 1024 * 1024 },
    });
    assert.equal(run.tests[0]?.verdict, "pass", run.tests[0]?.detail);
  });

  test("huge output is capped: printed output fails the test, raw writes are cut off", async () => {
    const limits = { maxCapturedChars: 1_000_000, maxStderrBytes: 64 * 1024 };
    const printer: DriverJob = {
      code: 'while True:\n    print("x" * 1000)',
      mode: "stdin",
      tests: [{ input: "", output: "x" }],
      timeoutMs: 6000,
    };
    const printed = await runLcbJob(printer, { limits });
    assert.equal(printed.tests[0]?.verdict, "runtime-error");
    assert.match(printed.tests[0]?.detail ?? "", /stdout exceeded 1000000 characters/);

    // Straight to the file descriptor, past the capture: it lands in the capped stderr.
    const raw: DriverJob = {
      ...printer,
      code: 'import os\nwhile True:\n    os.write(1, b"y" * 65536)',
      timeoutMs: 1500,
    };
    const written = await runLcbJob(raw, { limits });
    assert.equal(written.tests[0]?.verdict, "timeout");
    assert.equal(written.stderrTruncated, true);
    assert.ok(written.stderr.length <= limits.maxStderrBytes, `kept ${written.stderr.length} bytes`);
  });
});
