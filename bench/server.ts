/**
 * `npm run bench:server -- [--model f.gguf] [--threads N] [--gen N] [--reps N] [--ttft N] [--quiet-wait S] [--json]`
 *
 * The HTTP layer's cost, in one run on one GGUF (default: the shape-alike R1-Distill-Qwen-1.5B Q4_K_M):
 * 1. overhead: tokens/s of a stream read through HTTP to its end ÷ the same engine called directly and
 *    read to its end, same request, interleaved A B A B (target ≥ 0.97);
 * 2. added time to first token: per request, (client send → engine.generate called) + (a part leaving the
 *    engine → the client reading its frame), both stamped in this process on one clock (target p50 ≤ 2 ms);
 * 3. aggregate tokens/s through HTTP with 1, 2, 4 and 8 concurrent streaming clients;
 * 4. resident memory idle (model loaded) and at its peak under 8 streams.
 * The server runs in this process, so RSS includes the model. Progress on stderr, tables on stdout.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import pino from "pino";
import { createLlamaCppEngine } from "../src/engine/llama-cpp/index.js";
import { defaultThreadCount } from "../src/engine/llama-cpp/llama-runtime.js";
import type { Engine, EnginePart } from "../src/engine/spec.js";
import { normalizeChatRequest } from "../src/protocol/index.js";
import { hostFromEngine, startServer } from "../src/server/index.js";
import { acquireBenchLock } from "./lib/bench-lock.js";
import { waitForQuiet, watchOtherCpu } from "./lib/cpu-contention.js";
import { describeMachine } from "./lib/machine.js";
import { progress } from "./lib/progress.js";
import { shapeAlikeModel } from "./lib/shape-alike-file.js";
import { median, sum } from "./lib/stats.js";
import { fixed, markdownTable } from "./lib/table.js";
import { promptText, SAMPLING } from "./lib/workload.js";

const CONCURRENCY = [1, 2, 4, 8] as const;
const { values } = parseArgs({
  options: {
    model: { type: "string" },
    threads: { type: "string" },
    gen: { type: "string", default: "128" },
    reps: { type: "string", default: "3" },
    ttft: { type: "string", default: "20" },
    "quiet-wait": { type: "string", default: "120" },
    json: { type: "boolean", default: false },
  },
});
const gen = Number(values.gen);
const reps = Number(values.reps);
const ttftRequests = Number(values.ttft);
const quietWaitMs = Number(values["quiet-wait"]) * 1000;

/**
 * One generation as its consumer saw it. Random weights mostly sample tokens that print nothing, so text
 * deltas cannot time tokens: rates are tokens (from usage) over the time until the stream was read to its
 * end, and latencies are taken at the finish, which every request has.
 */
interface Seen {
  startedAt: number;
  /** The finish part read (direct) or the finish_reason chunk read (HTTP). */
  finishAt: number;
  /** The stream read to its end ([DONE] for HTTP). */
  endAt: number;
  tokens: number;
}
const endToEndTps = (s: Seen) => (s.tokens * 1000) / (s.endAt - s.startedAt);

/** What the engine saw of one request, stamped in this process (the same clock as the client). */
interface Stamp {
  calledAt: number;
  finishAt?: number;
  decodeTps?: number;
}

let nextId = 1000;
function body(maxTokens: number) {
  return {
    model: "bench",
    messages: [{ role: "user" as const, content: promptText(nextId++) }],
    temperature: SAMPLING.temperature,
    top_p: SAMPLING.topP,
    seed: SAMPLING.seed,
    max_tokens: maxTokens,
    ignore_eos: true,
    stream: true,
    stream_options: { include_usage: true },
  };
}

/** The engine, stamped: when generate was called and when its finish part left it. */
function instrument(engine: Engine, stamps: Stamp[]): Engine {
  return {
    info: () => engine.info(),
    stats: () => engine.stats(),
    close: () => engine.close(),
    async generate(request, signal) {
      const stamp: Stamp = { calledAt: performance.now() };
      stamps.push(stamp);
      const { stream } = await engine.generate(request, signal);
      // Stamped where the consumer's read resolves, without adding a stream hop of our own: the same
      // point the direct side stamps, so only what the HTTP layer adds is left in the difference.
      const reader = stream.getReader();
      const read = async () => {
        const result = await reader.read();
        if (!result.done && result.value.type === "finish") {
          stamp.finishAt = performance.now();
          stamp.decodeTps = result.value.timings.tokensPerSecond;
        }
        return result;
      };
      const tapped = Object.create(stream, {
        getReader: {
          value: () => ({
            read,
            releaseLock: () => reader.releaseLock(),
            cancel: (r?: unknown) => reader.cancel(r),
            closed: reader.closed,
          }),
        },
      }) as ReadableStream<EnginePart>;
      return { stream: tapped };
    },
  };
}

async function direct(engine: Engine, maxTokens: number): Promise<Seen> {
  const startedAt = performance.now();
  const { stream } = await engine.generate(normalizeChatRequest(body(maxTokens)));
  let finishAt = 0;
  let tokens = 0;
  const reader = stream.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) {
    const part = r.value;
    if (part.type === "error") throw part.error;
    if (part.type === "finish") {
      finishAt = performance.now();
      tokens = part.usage.completionTokens;
    }
  }
  return { startedAt, finishAt, endAt: performance.now(), tokens };
}

/**
 * A lean streaming client (node:http with keep-alive, as curl or httpx would be): the measure is the
 * server's overhead, not a heavier client's. Frames are split on the blank line and parsed as JSON.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function viaHttp(url: string, maxTokens: number): Promise<Seen> {
  const target = new URL(`${url}/v1/chat/completions`);
  const payload = JSON.stringify(body(maxTokens));
  return new Promise<Seen>((resolve, reject) => {
    const startedAt = performance.now();
    let buffer = "";
    let finishAt = 0;
    let tokens = 0;
    const request = http.request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
      },
      (response) => {
        response.setEncoding("utf8");
        if (response.statusCode !== 200) {
          response.on("data", (text: string) => {
            buffer += text;
          });
          response.on("end", () => reject(new Error(`HTTP ${response.statusCode}: ${buffer}`)));
          return;
        }
        response.on("data", (text: string) => {
          buffer += text;
          let end = buffer.indexOf("\n\n");
          while (end !== -1) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
            if (!frame.startsWith("data: {")) continue;
            const chunk = JSON.parse(frame.slice(6)) as {
              choices: Array<{ finish_reason: string | null }>;
              usage?: { completion_tokens: number } | null;
            };
            if (chunk.choices[0]?.finish_reason != null) finishAt = performance.now();
            if (chunk.usage != null) tokens = chunk.usage.completion_tokens;
          }
        });
        response.on("end", () => resolve({ startedAt, finishAt, endAt: performance.now(), tokens }));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(payload);
  });
}

async function main(): Promise<void> {
  const machine = describeMachine();
  progress(`${machine.cpu}, ${machine.logicalCpus} CPUs, ${machine.memoryGiB} GiB`);
  const modelPath = values.model ?? (await shapeAlikeModel(progress));
  // Two benchmarks at once measure each other: wait for bench:engine (or another bench:server) to finish.
  const release = await acquireBenchLock(progress);
  try {
    await measure(modelPath);
  } finally {
    release();
  }
}

async function measure(modelPath: string): Promise<void> {
  const machine = describeMachine();
  const threads = values.threads != null ? Number(values.threads) : await defaultThreadCount(false);
  progress(`loading ${modelPath} (threads ${threads}, parallel ${Math.max(...CONCURRENCY)})`);
  const stamps: Stamp[] = [];
  const raw = await createLlamaCppEngine({
    modelPath,
    modelId: "bench",
    threads,
    parallel: Math.max(...CONCURRENCY),
    contextSize: 1024,
    gpu: false,
  });
  const engine = instrument(raw, stamps);
  const host = hostFromEngine(engine);
  const server = await startServer({ models: host, logger: pino({ level: "silent" }), port: 0 });
  try {
    progress("warm-up");
    await direct(engine, 8);
    await viaHttp(server.url, 8);
    global.gc?.();
    const idleRss = process.memoryUsage.rss();

    const runs = {
      direct: [] as Seen[],
      http: [] as Seen[],
      directDecode: [] as number[],
      httpDecode: [] as number[],
    };
    const otherCpu = watchOtherCpu();
    for (let rep = 1; rep <= reps; rep++) {
      await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
      const d = await direct(engine, gen);
      runs.directDecode.push(stamps.at(-1)?.decodeTps ?? Number.NaN);
      await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
      const h = await viaHttp(server.url, gen);
      runs.httpDecode.push(stamps.at(-1)?.decodeTps ?? Number.NaN);
      runs.direct.push(d);
      runs.http.push(h);
      progress(
        `rep ${rep}/${reps}: direct ${fixed(endToEndTps(d))} tok/s, HTTP ${fixed(endToEndTps(h))} tok/s (end to end)`,
      );
    }
    const otherCpuShare = otherCpu();

    // Added time to first token = what the HTTP layer adds before the engine starts (request read, parse,
    // normalise) + what it adds after a part leaves the engine until the client has read its frame.
    await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
    const added: number[] = [];
    const beforeEngine: number[] = [];
    const afterEngine: number[] = [];
    for (let i = 0; i < ttftRequests; i++) {
      const before = stamps.length;
      const seen = await viaHttp(server.url, 2);
      const stamp = stamps[before];
      if (stamp?.finishAt == null) throw new Error("no engine stamp for a request");
      beforeEngine.push(stamp.calledAt - seen.startedAt);
      afterEngine.push(seen.finishAt - stamp.finishAt);
      added.push(stamp.calledAt - seen.startedAt + (seen.finishAt - stamp.finishAt));
    }
    progress(
      `added time to first token: p50 ${fixed(median(added), 2)} ms over ${ttftRequests} requests ` +
        `(before the engine ${fixed(median(beforeEngine), 2)} ms, after it ${fixed(median(afterEngine), 2)} ms)`,
    );

    const rounds: Array<{ concurrent: number; tps: number }> = [];
    let peakRss = idleRss;
    for (const concurrent of CONCURRENCY) {
      await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
      const sampler = setInterval(() => {
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
      }, 50);
      const started = performance.now();
      const seen = await Promise.all(Array.from({ length: concurrent }, () => viaHttp(server.url, gen)));
      const wallMs = performance.now() - started;
      clearInterval(sampler);
      const tps = (sum(seen.map((s) => s.tokens)) * 1000) / wallMs;
      rounds.push({ concurrent, tps });
      progress(`${concurrent} concurrent: ${fixed(tps)} tok/s aggregate`);
    }

    const directTps = median(runs.direct.map(endToEndTps));
    const httpTps = median(runs.http.map(endToEndTps));
    const sorted = [...added].sort((a, b) => a - b);
    const summary = {
      machine,
      settings: {
        modelPath,
        threads,
        gen,
        reps,
        ttftRequests,
        contextSize: raw.info().contextSize,
        otherCpuShare,
      },
      endToEnd: { directTps, httpTps, ratio: httpTps / directTps },
      engineDecode: { direct: median(runs.directDecode), http: median(runs.httpDecode) },
      addedTtftMs: {
        p50: median(added),
        p90: sorted[Math.floor(sorted.length * 0.9)] ?? Number.NaN,
        beforeEngineP50: median(beforeEngine),
        afterEngineP50: median(afterEngine),
      },
      concurrency: rounds,
      rssMiB: { idle: idleRss / 2 ** 20, peakUnder8Streams: peakRss / 2 ** 20 },
    };
    process.stdout.write(values.json === true ? `${JSON.stringify(summary, null, 2)}\n` : render(summary));
  } finally {
    await server.close();
    await host.close();
  }
}

function render(s: {
  endToEnd: { directTps: number; httpTps: number; ratio: number };
  engineDecode: { direct: number; http: number };
  addedTtftMs: { p50: number; p90: number; beforeEngineP50: number; afterEngineP50: number };
  concurrency: Array<{ concurrent: number; tps: number }>;
  rssMiB: { idle: number; peakUnder8Streams: number };
  settings: {
    threads: number;
    gen: number;
    reps: number;
    ttftRequests: number;
    otherCpuShare: number | undefined;
  };
}): string {
  const { endToEnd, engineDecode, addedTtftMs, rssMiB, settings } = s;
  return [
    `threads ${settings.threads}, ${settings.gen} tokens per request, ${settings.reps} interleaved reps (medians); ` +
      `other processes used ${fixed((settings.otherCpuShare ?? Number.NaN) * 100, 0)} % of the CPUs meanwhile`,
    "",
    markdownTable(
      ["measure", "value", "target"],
      [
        ["tok/s end to end, engine called directly", fixed(endToEnd.directTps), ""],
        ["tok/s end to end, streamed through HTTP", fixed(endToEnd.httpTps), ""],
        ["HTTP ÷ direct", fixed(endToEnd.ratio, 3), "≥ 0.97"],
        [
          "engine decode tok/s while called directly / serving HTTP",
          `${fixed(engineDecode.direct)} / ${fixed(engineDecode.http)}`,
          "",
        ],
        [
          `added time to first token, p50 (${settings.ttftRequests} requests)`,
          `${fixed(addedTtftMs.p50, 2)} ms`,
          "≤ 2 ms",
        ],
        ["added time to first token, p90", `${fixed(addedTtftMs.p90, 2)} ms`, ""],
        [
          "of which before the engine / after it (p50)",
          `${fixed(addedTtftMs.beforeEngineP50, 2)} / ${fixed(addedTtftMs.afterEngineP50, 2)} ms`,
          "",
        ],
        ["server RSS idle (model loaded)", `${fixed(rssMiB.idle, 0)} MiB`, ""],
        ["server RSS peak under 8 streams", `${fixed(rssMiB.peakUnder8Streams, 0)} MiB`, ""],
      ],
    ),
    "",
    markdownTable(
      ["concurrent clients", "aggregate tok/s"],
      s.concurrency.map((r) => [r.concurrent, fixed(r.tps)]),
    ),
    "",
  ].join("\n");
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:server: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exitCode = 1;
});
