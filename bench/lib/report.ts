/** The engine benchmark's results: markdown tables for people, or one JSON object for machines. */
import type { WeightBytes } from "./bytes-per-token.js";
import type { Machine } from "./machine.js";
import type { Bandwidth } from "./memory-bandwidth.js";
import { median, round, type Spread, summarize } from "./stats.js";
import { fixed, markdownTable, percent } from "./table.js";
import { type ConcurrentRound, endToEndTps, promptTps, type Run, SAMPLING } from "./workload.js";

export interface BenchSummary {
  machine: Machine;
  settings: { modelPath: string; threads: number; gen: number; reps: number; contextSize: number };
  weights: WeightBytes;
  /** Measured before and after the runs; the best counts. */
  bandwidth: (Bandwidth & { otherCpu?: number | undefined })[];
  overhead: { direct: Run[]; engine: Run[] };
  concurrency: { concurrent: number; rounds: ConcurrentRound[] }[];
}

interface SideStats {
  decodeTps: Spread;
  ttftMs: number;
  promptTps: number;
  endToEndTps: number;
  promptTokens: number;
  generatedTokens: Spread;
  /** Process CPU time (all threads) per generated token, prompt included. */
  cpuMsPerToken: number;
  /** Main-thread busy time per generated token. */
  mainThreadMsPerToken: number;
}

const perToken = (runs: readonly Run[], ms: (run: Run) => number | undefined) =>
  median(runs.map((r) => (ms(r) ?? Number.NaN) / r.generatedTokens));

function sideStats(runs: readonly Run[]): SideStats {
  return {
    decodeTps: summarize(runs, (r) => r.decodeTps),
    ttftMs: median(runs.map((r) => r.ttftMs)),
    promptTps: median(runs.map(promptTps)),
    endToEndTps: median(runs.map(endToEndTps)),
    promptTokens: median(runs.map((r) => r.promptTokens)),
    generatedTokens: summarize(runs, (r) => r.generatedTokens),
    cpuMsPerToken: perToken(runs, (r) => r.cpuMs),
    mainThreadMsPerToken: perToken(runs, (r) => r.mainThreadMs),
  };
}

function analyse(summary: BenchSummary) {
  const direct = sideStats(summary.overhead.direct);
  const engine = sideStats(summary.overhead.engine);
  const ratio = {
    decodeTps: engine.decodeTps.median / direct.decodeTps.median,
    ttftMs: engine.ttftMs / direct.ttftMs,
    promptTps: engine.promptTps / direct.promptTps,
    endToEndTps: engine.endToEndTps / direct.endToEndTps,
    cpuMsPerToken: engine.cpuMsPerToken / direct.cpuMsPerToken,
    /** engine ÷ direct within each interleaved pair of runs */
    pairedDecode: summary.overhead.engine.map((e, i) => e.decodeTps / summary.overhead.direct[i]!.decodeTps),
  };
  const baseRounds = summary.concurrency[0]?.rounds ?? [];
  const baseTps = median(baseRounds.map((r) => r.aggregateTps));
  const concurrency = summary.concurrency.map(({ concurrent, rounds }) => {
    const runs = rounds.flatMap((r) => r.runs);
    const aggregateTps = median(rounds.map((r) => r.aggregateTps));
    return {
      concurrent,
      aggregateTps,
      gainOverOne: aggregateTps / baseTps,
      perRequestDecodeTps: median(runs.map((r) => r.decodeTps)),
      ttftMs: median(runs.map((r) => r.ttftMs)),
      generatedTokens: median(runs.map((r) => r.generatedTokens)),
    };
  });
  const best = summary.bandwidth.reduce((a, b) => (b.bytesPerSecond > a.bytesPerSecond ? b : a));
  const limitTps = best.bytesPerSecond / summary.weights.bytesPerToken;
  const bound = {
    bandwidthGBs: best.bytesPerSecond / 1e9,
    measuredGBs: summary.bandwidth.map((b) => b.bytesPerSecond / 1e9),
    bandwidthNote: best.note,
    bytesPerTokenGB: summary.weights.bytesPerToken / 1e9,
    limitTps,
    directFraction: direct.decodeTps.median / limitTps,
    engineFraction: engine.decodeTps.median / limitTps,
  };
  const shares = [
    ...summary.overhead.direct,
    ...summary.overhead.engine,
    ...summary.concurrency.flatMap((c) => c.rounds),
  ].flatMap((m) => (m.otherCpu != null ? [m.otherCpu] : []));
  const contention = shares.length > 0 ? { median: median(shares), max: Math.max(...shares) } : undefined;
  return { direct, engine, ratio, concurrency, bound, contention };
}

type Analysis = ReturnType<typeof analyse>;

export function renderReport(summary: BenchSummary, json: boolean): string {
  const a = analyse(summary);
  if (json) return `${JSON.stringify(roundDeep({ ...summary, results: a }))}\n`;
  const { settings, machine } = summary;
  return [
    "# deepthink engine benchmark",
    "",
    `model ${settings.modelPath}, threads ${settings.threads}, context ${settings.contextSize}, ` +
      `${settings.gen} generated tokens per request (EOS/EOT banned), temperature ${SAMPLING.temperature}, ` +
      `top-p ${SAMPLING.topP}, medians of ${settings.reps} interleaved reps`,
    `machine ${machine.cpu}, ${machine.logicalCpus} logical CPUs, ${machine.memoryGiB} GiB RAM, Node ${machine.node}`,
    contentionLine(a.contention),
    "",
    ...overheadSection(summary, a),
    ...concurrencySection(a),
    ...boundSection(a),
  ].join("\n");
}

function overheadSection(summary: BenchSummary, a: Analysis): string[] {
  const side = (name: string, s: SideStats) => [
    name,
    `${fixed(s.decodeTps.median)} (${fixed(s.decodeTps.min)}–${fixed(s.decodeTps.max)})`,
    fixed(s.ttftMs, 0),
    fixed(s.promptTps),
    fixed(s.endToEndTps),
    fixed(s.cpuMsPerToken),
    fixed(s.mainThreadMsPerToken, 2),
    `${fixed(s.promptTokens, 0)} / ${fixed(s.generatedTokens.min, 0)}`,
  ];
  const r = a.ratio;
  const pairs = summary.overhead.direct.map((d, i) => {
    const e = summary.overhead.engine[i]!;
    return `${fixed(d.decodeTps)} / ${fixed(e.decodeTps)} (${fixed(r.pairedDecode[i], 3)}; others ${percent(d.otherCpu)} / ${percent(e.otherCpu)})`;
  });
  const reported = summary.overhead.engine.map((e) => fixed(e.reportedTps)).join(", ");
  return [
    "## 1. Overhead: deepthink engine (parallel 1) vs node-llama-cpp called directly",
    "",
    markdownTable(
      [
        "",
        "decode tok/s (min–max)",
        "first token ms",
        "prompt tok/s",
        "end-to-end tok/s",
        "CPU ms/token",
        "main thread ms/token",
        "prompt / generated tokens",
      ],
      [
        side("node-llama-cpp direct (LlamaChat)", a.direct),
        side("deepthink engine", a.engine),
        [
          "**engine ÷ direct**",
          `**${fixed(r.decodeTps, 3)}**`,
          fixed(r.ttftMs, 3),
          fixed(r.promptTps, 3),
          fixed(r.endToEndTps, 3),
          "",
          "",
          "",
        ],
      ],
    ),
    "",
    `Decode tok/s per interleaved pair, direct / engine (ratio; CPU share of other processes): ${pairs.join(", ")}.`,
    `Decode tok/s = (generated − 1) ÷ (end of generation − first token). The engine's own ` +
      `timings.tokensPerSecond, which ends at the last streamed chunk, read ${reported}.`,
    "CPU ms/token: this process's CPU time, all threads, per generated token (prompt included); ggml's " +
      "threads spin while they wait, so it is about threads × wall time. Main thread ms/token: the time the " +
      "Node event loop was busy (JavaScript and synchronous addon calls), which is where any overhead of " +
      "the engine's own layer would show.",
    "",
  ];
}

function concurrencySection(a: Analysis): string[] {
  return [
    "## 2. Concurrent requests through the engine (parallel 4)",
    "",
    markdownTable(
      ["concurrent requests", "aggregate tok/s", "vs 1", "per-request decode tok/s", "first token ms"],
      a.concurrency.map((c) => [
        c.concurrent,
        fixed(c.aggregateTps),
        fixed(c.gainOverOne, 2),
        fixed(c.perRequestDecodeTps),
        fixed(c.ttftMs, 0),
      ]),
    ),
    "",
    "Aggregate: generated tokens of all requests ÷ wall time from the first request to the last finish (prompts included).",
    "",
  ];
}

function boundSection(a: Analysis): string[] {
  const b = a.bound;
  const measured = b.measuredGBs.map((gbs) => fixed(gbs)).join(" before, ");
  return [
    "## 3. Physical bound",
    "",
    markdownTable(
      ["", "value"],
      [
        ["memory read bandwidth", `${fixed(b.bandwidthGBs)} GB/s (best of ${measured} after the runs)`],
        ["how", b.bandwidthNote],
        [
          "bytes read per decoded token",
          `${fixed(b.bytesPerTokenGB, 3)} GB (all weights but token_embd, plus one row)`,
        ],
        ["decode limit = bandwidth ÷ bytes per token", `${fixed(b.limitTps)} tok/s`],
        [
          "node-llama-cpp direct",
          `${fixed(a.direct.decodeTps.median)} tok/s = ${percent(b.directFraction)} of the limit`,
        ],
        [
          "deepthink engine",
          `${fixed(a.engine.decodeTps.median)} tok/s = ${percent(b.engineFraction)} of the limit`,
        ],
      ],
    ),
    "",
  ];
}

function contentionLine(contention: { median: number; max: number } | undefined): string {
  if (contention == null) return "CPU use of other processes during the timed runs: unknown (no /proc)";
  const line = `CPU use of other processes during the timed runs: median ${percent(contention.median)}, max ${percent(contention.max)} of all CPUs`;
  return contention.max > 0.1 ? `${line}. **WARNING: the machine was shared; speeds are depressed.**` : line;
}

/** Numbers rounded to 3 decimals, so the JSON stays readable. */
function roundDeep(value: unknown): unknown {
  if (typeof value === "number") return round(value, 3);
  if (Array.isArray(value)) return value.map(roundDeep);
  if (value != null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundDeep(v)]));
  }
  return value;
}
