/**
 * Memory read bandwidth of this machine, the physical bound of CPU decode (every weight is read once per
 * token). bench/membw.c is compiled with the system C compiler into a temporary folder; without a compiler
 * (or OpenMP) a Node measurement stands in, which reads more slowly than C and so only gives a lower bound.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Worker } from "node:worker_threads";
import { z } from "zod";

const run = promisify(execFile);
const MEMBW_SOURCE = fileURLToPath(new URL("../membw.c", import.meta.url));

export interface Bandwidth {
  /** Best pass, bytes per second. */
  bytesPerSecond: number;
  threads: number;
  /** Bytes summed per pass. */
  bytes: number;
  method: "membw.c" | "node";
  /** How it was measured, for the report. */
  note: string;
}

const MembwOutput = z.object({ bestGBs: z.number(), bytes: z.number(), passes: z.number() });

export async function measureBandwidth(threads: number, log: (line: string) => void): Promise<Bandwidth> {
  const dir = await mkdtemp(join(tmpdir(), "deepthink-membw-"));
  try {
    const binary = join(dir, "membw");
    try {
      await run("cc", ["-O3", "-march=native", "-fopenmp", MEMBW_SOURCE, "-o", binary]);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
      log(`cannot compile bench/membw.c (${reason}); measuring with Node instead (a lower bound)`);
      return await nodeBandwidth(threads);
    }
    const { stdout } = await run(binary, [String(threads), "2", "6"]);
    const out = MembwOutput.parse(JSON.parse(stdout.trim()));
    return {
      bytesPerSecond: out.bestGBs * 1e9,
      threads,
      bytes: out.bytes,
      method: "membw.c",
      note: `bench/membw.c built with cc -O3 -march=native -fopenmp; ${threads} threads sum ${gib(out.bytes)} GiB of anonymous memory, best of ${out.passes} passes`,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const gib = (bytes: number) => (bytes / 2 ** 30).toFixed(0);

// Each worker sums its slice of one shared buffer; four accumulators let the JIT overlap the loads.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const a = new Float64Array(workerData.buffer, workerData.from * 8, workerData.count);
parentPort.on("message", () => {
  const t0 = performance.now();
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let i = 0; i < a.length; i += 4) { s0 += a[i]; s1 += a[i + 1]; s2 += a[i + 2]; s3 += a[i + 3]; }
  parentPort.postMessage({ ms: performance.now() - t0, sink: s0 + s1 + s2 + s3 });
});`;

async function nodeBandwidth(threads: number, passes = 6): Promise<Bandwidth> {
  const bytes = 2 ** 30;
  const buffer = new SharedArrayBuffer(bytes);
  new Float64Array(buffer).fill(1);
  const slice = bytes / 8 / threads - ((bytes / 8 / threads) % 4);
  const workers = Array.from(
    { length: threads },
    (_, i) =>
      new Worker(WORKER_SOURCE, { eval: true, workerData: { buffer, from: i * slice, count: slice } }),
  );
  try {
    let best = Number.POSITIVE_INFINITY;
    for (let pass = 0; pass < passes; pass++) {
      const t0 = performance.now();
      await Promise.all(
        workers.map(
          (worker) =>
            new Promise<void>((resolve, reject) => {
              worker.once("message", () => resolve());
              worker.once("error", reject);
              worker.postMessage("go");
            }),
        ),
      );
      const seconds = (performance.now() - t0) / 1000;
      if (pass > 0) best = Math.min(best, seconds); // pass 0 warms up the JIT
    }
    const read = slice * 8 * threads;
    return {
      bytesPerSecond: read / best,
      threads,
      bytes: read,
      method: "node",
      note: `Node worker threads, as no C compiler was found; ${threads} threads sum 1 GiB, best of ${passes - 1} passes: a lower bound`,
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
