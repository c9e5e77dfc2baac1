/**
 * `npm run bench:engine -- [--model f.gguf] [--threads N] [--gen N] [--reps N] [--quiet-wait S] [--json]`
 *
 * In one run, on one GGUF (default: the shape-alike R1-Distill-Qwen-1.5B Q4_K_M, written once):
 * 1. overhead: decode speed of the deepthink engine (parallel 1) ÷ node-llama-cpp called directly, same
 *    file, threads and sampling, interleaved A B A B so drift on a shared host hits both alike;
 * 2. batching: aggregate tokens/s at 1, 2 and 4 concurrent requests through the engine (parallel 4);
 * 3. the physical bound: decode tokens/s × bytes read per token ÷ measured memory read bandwidth.
 * Progress goes to stderr; the tables (or `--json`) to stdout. Only one benchmark measures at a time
 * (bench/lib/bench-lock.ts), and runs that other processes disturbed are repeated.
 */
import { existsSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createLlamaCppEngine } from "../src/engine/llama-cpp/index.js";
import { defaultThreadCount } from "../src/engine/llama-cpp/llama-runtime.js";
import type { Engine } from "../src/engine/spec.js";
import { acquireBenchLock } from "./lib/bench-lock.js";
import { weightBytesPerToken } from "./lib/bytes-per-token.js";
import { waitForQuiet, watchOtherCpu } from "./lib/cpu-contention.js";
import { openDirectChat } from "./lib/direct-chat.js";
import { runEngine } from "./lib/engine-run.js";
import { describeMachine } from "./lib/machine.js";
import { measureBandwidth } from "./lib/memory-bandwidth.js";
import { progress } from "./lib/progress.js";
import { type BenchSummary, renderReport } from "./lib/report.js";
import { shapeAlikeModel } from "./lib/shape-alike-file.js";
import { sum } from "./lib/stats.js";
import type { ConcurrentRound, Run } from "./lib/workload.js";

const USAGE = `usage: npm run bench:engine -- [--model f.gguf] [--threads N] [--gen N] [--reps N]
                                   [--quiet-wait S] [--json]
  --model       GGUF to measure (default: the shape-alike R1-Distill-Qwen-1.5B Q4_K_M, written once)
  --threads     CPU threads for every side (default: physical cores as llama.cpp counts them)
  --gen         tokens generated per request (default 128)
  --reps        interleaved repetitions; medians are reported (default 3)
  --quiet-wait  seconds to wait before each timed run for other processes to leave the CPUs
                (default 120); a run they disturbed anyway is repeated, up to 3 tries.
                0: neither wait nor repeat. Their CPU use is reported either way.
  --json        print a machine-readable summary instead of the tables`;

const CONCURRENCY = [1, 2, 4] as const;
const WARMUP_TOKENS = 16;
/** Share of the CPUs taken by other processes beyond which a measurement is repeated. */
const DISTURBED = 0.1;
const MAX_TRIES = 3;

interface Options {
  model: string | undefined;
  threads: number | undefined;
  gen: number;
  reps: number;
  quietWaitMs: number;
  json: boolean;
}

class UsageError extends Error {}

function parseOptions(argv: string[]): Options {
  let parsed: ReturnType<typeof parseFlags>;
  try {
    parsed = parseFlags(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values } = parsed;
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  return {
    model: values.model,
    threads: count("threads", values.threads),
    gen: count("gen", values.gen) ?? 128,
    reps: count("reps", values.reps) ?? 3,
    quietWaitMs: (count("quiet-wait", values["quiet-wait"], 0) ?? 120) * 1000,
    json: values.json === true,
  };
}

function parseFlags(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    options: {
      model: { type: "string" },
      threads: { type: "string" },
      gen: { type: "string" },
      reps: { type: "string" },
      "quiet-wait": { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function count(flag: string, value: string | undefined, min = 1): number | undefined {
  if (value == null) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new UsageError(`--${flag} must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
  return Number(value);
}

let nextId = 100;
const requestId = () => nextId++;

interface Side {
  run(id: number, maxTokens: number): Promise<Run>;
  close(): Promise<void>;
}

/**
 * Phase 1: the engine at parallel 1 against node-llama-cpp directly, interleaved run by run. Each run
 * loads its side afresh and alone: with both models in memory at once, whichever was loaded second
 * decoded about 8 % faster on this VM, even for two copies of the same side.
 */
async function compareWithDirect(modelPath: string, threads: number, options: Options) {
  let contextSize = 0;
  const openEngine = async (): Promise<Side> => {
    const engine = await createLlamaCppEngine({ modelPath, threads, parallel: 1, gpu: false });
    contextSize = engine.info().contextSize;
    return { run: (id, maxTokens) => runEngine(engine, id, maxTokens), close: () => engine.close() };
  };
  // The engine opens first, so the direct side gets the same context size.
  const sides = [
    ["engine", openEngine],
    ["direct", () => openDirectChat({ modelPath, threads, contextSize })],
  ] as const;
  const runs = { direct: [] as Run[], engine: [] as Run[] };
  for (let rep = 1; rep <= options.reps; rep++) {
    for (const [name, open] of sides) {
      const label = `rep ${rep}/${options.reps} ${name}`;
      progress(`${label}: loading`);
      const side = await open();
      try {
        await side.run(requestId(), WARMUP_TOKENS);
        runs[name].push(await quietly(options, label, () => side.run(requestId(), options.gen), describeRun));
      } finally {
        await side.close();
      }
    }
  }
  return { contextSize, ...runs };
}

/** Phase 2: 1, 2 and 4 concurrent requests through one engine with 4 slots, rounds interleaved. */
async function measureConcurrency(modelPath: string, threads: number, options: Options) {
  progress(`loading the deepthink engine (parallel ${Math.max(...CONCURRENCY)})`);
  const engine = await createLlamaCppEngine({
    modelPath,
    threads,
    parallel: Math.max(...CONCURRENCY),
    gpu: false,
  });
  try {
    await runEngine(engine, requestId(), WARMUP_TOKENS);
    const rounds = CONCURRENCY.map((concurrent) => ({ concurrent, rounds: [] as ConcurrentRound[] }));
    for (let rep = 1; rep <= options.reps; rep++) {
      for (const entry of rounds) {
        const round = await quietly(
          options,
          `rep ${rep}/${options.reps} ${entry.concurrent} concurrent`,
          () => concurrentRound(engine, entry.concurrent, options.gen),
          (r) => `${r.aggregateTps.toFixed(1)} tok/s aggregate${others(r.otherCpu)}`,
        );
        entry.rounds.push(round);
      }
    }
    return rounds;
  } finally {
    await engine.close();
  }
}

async function concurrentRound(engine: Engine, concurrent: number, gen: number): Promise<ConcurrentRound> {
  const started = performance.now();
  const runs = await Promise.all(
    Array.from({ length: concurrent }, () => runEngine(engine, requestId(), gen)),
  );
  const wallMs = performance.now() - started;
  return { runs, wallMs, aggregateTps: (sum(runs.map((r) => r.generatedTokens)) * 1000) / wallMs };
}

/**
 * Waits for the CPUs to be quiet, then measures; a measurement during which other processes took more
 * than a tenth of the CPUs is repeated, up to MAX_TRIES in all (not with --quiet-wait 0).
 */
async function quietly<T extends object>(
  options: Options,
  label: string,
  measure: () => Promise<T>,
  describe: (result: Watched<T>) => string,
): Promise<Watched<T>> {
  for (let attempt = 1; ; attempt++) {
    await waitForQuiet(progress, { maxWaitMs: options.quietWaitMs });
    const result = await watched(measure);
    progress(`${label}: ${describe(result)}`);
    const disturbed = (result.otherCpu ?? 0) >= DISTURBED;
    if (!disturbed || options.quietWaitMs === 0 || attempt >= MAX_TRIES) return result;
    progress(`${label}: disturbed by other processes; measuring again`);
  }
}

type Watched<T> = T & { otherCpu: number | undefined; mainThreadMs: number; cpuMs: number };

/** Runs a measurement, recording our CPU time, how busy our main thread was and what others took. */
async function watched<T extends object>(measure: () => Promise<T>): Promise<Watched<T>> {
  const stop = watchOtherCpu();
  const loop = performance.eventLoopUtilization();
  const cpu = process.cpuUsage();
  const result = await measure();
  const { user, system } = process.cpuUsage(cpu);
  return {
    ...result,
    cpuMs: (user + system) / 1000,
    mainThreadMs: performance.eventLoopUtilization(loop).active,
    otherCpu: stop(),
  };
}

const others = (share: number | undefined) =>
  share != null && share >= 0.02 ? ` (other processes: ${(share * 100).toFixed(0)} % CPU)` : "";

function describeRun(run: Run): string {
  return `${run.decodeTps.toFixed(1)} tok/s decode, ${run.generatedTokens} tokens, first token ${run.ttftMs.toFixed(0)} ms for ${run.promptTokens} prompt tokens${others(run.otherCpu)}`;
}

/** Measured before and after the runs: on a shared host the better of the two is nearer the hardware. */
async function bandwidthNow(threads: number, options: Options) {
  await waitForQuiet(progress, { maxWaitMs: options.quietWaitMs });
  progress("measuring memory read bandwidth");
  const bandwidth = await watched(() => measureBandwidth(threads, progress));
  progress(
    `${(bandwidth.bytesPerSecond / 1e9).toFixed(1)} GB/s (${bandwidth.method})${others(bandwidth.otherCpu)}`,
  );
  return bandwidth;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const machine = describeMachine();
  progress(`${machine.cpu}, ${machine.logicalCpus} CPUs, ${machine.memoryGiB} GiB`);
  if (options.model != null && !existsSync(options.model)) {
    throw new UsageError(`--model: no such file ${options.model}`);
  }
  const modelPath = options.model ?? (await shapeAlikeModel(progress));
  const threads = options.threads ?? (await defaultThreadCount(false));
  const weights = await weightBytesPerToken(modelPath);
  progress(`${modelPath}: ${(weights.bytesPerToken / 1e9).toFixed(3)} GB read per token; threads ${threads}`);
  const release = await acquireBenchLock(progress);
  const bandwidth = [await bandwidthNow(threads, options)];
  const overhead = await compareWithDirect(modelPath, threads, options);
  const concurrency = await measureConcurrency(modelPath, threads, options);
  bandwidth.push(await bandwidthNow(threads, options));
  release();
  const summary: BenchSummary = {
    machine,
    settings: { modelPath, threads, gen: options.gen, reps: options.reps, contextSize: overhead.contextSize },
    weights,
    bandwidth,
    overhead,
    concurrency,
  };
  process.stdout.write(renderReport(summary, options.json));
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    process.stderr.write(`bench:engine: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  process.stderr.write(
    `bench:engine: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
