/**
 * `npm run bench:router -- [--requests N] [--concurrency N] [--quiet-wait S] [--json]`
 *
 * What the router path costs and what a second replica buys, against real deepthink servers (each a
 * llama.cpp engine, 1 thread, on a scripted tiny model) running as child processes:
 * 1. added latency: many short streamed requests straight to a replica vs through a deepthink front
 *    (router + upstream engine + one more HTTP hop), interleaved A B A B; and, in-process, the upstream
 *    engine alone vs the router engine over it (the router's own cost, without the hop);
 * 2. throughput: aggregate completion tokens/s through the front with 1 replica vs 2, same load.
 * Before each phase it waits (up to --quiet-wait seconds, default 120) for other processes to leave
 * the CPUs, and reports the machine's load average, since a shared machine skews both figures.
 * Progress goes to stderr; the tables (or `--json`) to stdout.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import pino from "pino";
import { createLlamaCppEngine } from "../src/engine/llama-cpp/index.js";
import { createUpstreamEngine } from "../src/engine/openai-upstream/index.js";
import { createRouterEngine } from "../src/engine/router/index.js";
import type { Engine } from "../src/engine/spec.js";
import { hostFromEngine, startServer } from "../src/server/index.js";
import { scriptedModelPath } from "../test/helpers/test-models.js";
import { waitForQuiet } from "./lib/cpu-contention.js";
import { progress } from "./lib/progress.js";
import { median } from "./lib/stats.js";
import { fixed, markdownTable } from "./lib/table.js";

const SHORT_REPLY = "<think>\nhm</think>OK";
const LONG_REPLY = `<think>\n${Array.from({ length: 100 }, (_, i) => `w${i}`).join(" ")}</think>The answer is 4.`;
const logger = pino({ level: "silent" });

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "300" },
    concurrency: { type: "string", default: "8" },
    "quiet-wait": { type: "string", default: "120" },
    backend: { type: "string" },
    json: { type: "boolean", default: false },
  },
});

if (values.backend != null) await serveBackend(values.backend);
else
  await main(
    Number(values.requests),
    Number(values.concurrency),
    Number(values["quiet-wait"]) * 1000,
    values.json === true,
  );

/** Child mode: one deepthink server on a free port, its URL on stdout, until SIGTERM. */
async function serveBackend(reply: string): Promise<void> {
  const modelPath = await scriptedModelPath({ reply });
  const engine = await createLlamaCppEngine({
    modelPath,
    modelId: "r1",
    threads: 1,
    contextSize: 1024,
    parallel: 2,
    gpu: false,
  });
  const server = await startServer({ models: hostFromEngine(engine), logger, port: 0 });
  process.stdout.write(`${server.url}\n`);
  process.once(
    "SIGTERM",
    () =>
      void server
        .close()
        .then(() => engine.close())
        .then(() => process.exit(0)),
  );
}

interface Backend {
  url: string;
  child: ChildProcess;
}

async function startBackend(reply: string): Promise<Backend> {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", new URL(import.meta.url).pathname, "--backend", reply],
    {
      stdio: ["ignore", "pipe", "inherit"],
      env: { ...process.env, NODE_LLAMA_CPP_LOG_LEVEL: "error" },
    },
  );
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`backend exited with ${code}`)));
  });
  return { url, child };
}

async function main(
  requests: number,
  concurrency: number,
  quietWaitMs: number,
  json: boolean,
): Promise<void> {
  progress("starting replicas (child processes)");
  const [short, longA, longB] = await Promise.all([
    startBackend(SHORT_REPLY),
    startBackend(LONG_REPLY),
    startBackend(LONG_REPLY),
  ]);
  try {
    await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
    const latency = { ...(await measureLatency(short!.url, requests)), loadAverage: loadavg()[0]! };
    await waitForQuiet(progress, { maxWaitMs: quietWaitMs });
    const throughput = {
      ...(await measureThroughput([longA!.url, longB!.url], concurrency, Math.max(48, concurrency * 6))),
      loadAverage: loadavg()[0]!,
    };
    if (json) process.stdout.write(`${JSON.stringify({ latency, throughput }, null, 2)}\n`);
    else printTables(latency, throughput);
  } finally {
    for (const b of [short, longA, longB]) b?.child.kill("SIGTERM");
  }
}

type Sample = { ttftMs: number; totalMs: number; tokens: number };
type Summary = { p50Ttft: number; p95Ttft: number; p50Total: number; p95Total: number };

/** Interleaved A B A B: drift on a shared host hits both paths alike. */
async function measureLatency(replicaUrl: string, n: number) {
  const upstream = () => createUpstreamEngine({ name: "r1", baseUrl: replicaUrl, kind: "deepthink" });
  const router = createRouterEngine({ model: "r1", replicas: [upstream()], healthIntervalMs: 0 });
  const front = await startServer({ models: hostFromEngine(router), logger, port: 0 });
  const bare = upstream();
  const routed = createRouterEngine({ model: "r1", replicas: [upstream()], healthIntervalMs: 0 });
  const samples = {
    direct: [] as Sample[],
    front: [] as Sample[],
    engine: [] as Sample[],
    routed: [] as Sample[],
  };
  try {
    progress(`latency: ${n} short requests per path, interleaved`);
    for (let i = -20; i < n; i++) {
      const body = { model: "r1", messages: [{ role: "user", content: `q${i}` }], stream: true };
      const round = {
        direct: await streamHttp(replicaUrl, body),
        front: await streamHttp(front.url, body),
        engine: await streamEngine(bare, `q${i}`),
        routed: await streamEngine(routed, `q${i}`),
      };
      if (i < 0) continue; // warm-up: connections, caches, JIT
      for (const key of Object.keys(samples) as (keyof typeof samples)[]) samples[key].push(round[key]);
    }
  } finally {
    await front.close();
    await router.close();
    await routed.close();
  }
  return {
    requests: n,
    direct: summarize(samples.direct),
    front: summarize(samples.front),
    engine: summarize(samples.engine),
    routed: summarize(samples.routed),
  };
}

async function measureThroughput(urls: string[], concurrency: number, total: number) {
  const rows: { replicas: number; tokensPerSecond: number; seconds: number; tokens: number }[] = [];
  for (const count of [1, 2, 1, 2]) {
    const router = createRouterEngine({
      model: "r1",
      replicas: urls
        .slice(0, count)
        .map((url) => createUpstreamEngine({ name: "r1", baseUrl: url, kind: "deepthink" })),
      healthIntervalMs: 0,
      affinity: "none",
    });
    const front = await startServer({ models: hostFromEngine(router), logger, port: 0 });
    progress(`throughput: ${total} requests, ${concurrency} at a time, ${count} replica(s)`);
    let next = 0;
    let tokens = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const i = next++;
          const body = {
            model: "r1",
            messages: [{ role: "user", content: `t${i}` }],
            stream: true,
            stream_options: { include_usage: true },
          };
          tokens += (await streamHttp(front.url, body)).tokens;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    rows.push({ replicas: count, tokensPerSecond: tokens / seconds, seconds, tokens });
    await front.close();
    await router.close();
  }
  // Best of the two rounds per replica count: the machine is shared.
  const best = (count: number) =>
    Math.max(...rows.filter((r) => r.replicas === count).map((r) => r.tokensPerSecond));
  return { concurrency, requests: total, rounds: rows, one: best(1), two: best(2), ratio: best(2) / best(1) };
}

/** One streamed chat completion over HTTP, read to the end: time to the first text, total, tokens. */
async function streamHttp(url: string, body: unknown): Promise<Sample> {
  const started = performance.now();
  const response = await fetch(`${url}/v1/chat/completions`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok || response.body == null)
    throw new Error(`HTTP ${response.status}: ${await response.text()}`);
  let ttftMs = Number.NaN;
  let text = "";
  const decoder = new TextDecoder();
  for await (const bytes of response.body) {
    text += decoder.decode(bytes, { stream: true });
    if (Number.isNaN(ttftMs) && /"(reasoning_content|content)":"[^"]/.test(text))
      ttftMs = performance.now() - started;
  }
  const usage = /"completion_tokens":(\d+)/.exec(text);
  return { ttftMs, totalMs: performance.now() - started, tokens: usage != null ? Number(usage[1]) : 0 };
}

async function streamEngine(engine: Engine, content: string): Promise<Sample> {
  const started = performance.now();
  const { stream } = await engine.generate({
    messages: [{ role: "user", content }],
    thinking: { type: "on" },
    sampling: { temperature: 0.6, topP: 0.95 },
    stop: [],
    responseFormat: { type: "text" },
    warnings: [],
  });
  let ttftMs = Number.NaN;
  let tokens = 0;
  for await (const part of stream) {
    if (Number.isNaN(ttftMs) && (part.type === "reasoning-delta" || part.type === "text-delta"))
      ttftMs = performance.now() - started;
    if (part.type === "finish") tokens = part.usage.completionTokens;
  }
  return { ttftMs, totalMs: performance.now() - started, tokens };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function summarize(samples: readonly Sample[]): Summary {
  const ttft = samples.map((s) => s.ttftMs);
  const total = samples.map((s) => s.totalMs);
  return {
    p50Ttft: median(ttft),
    p95Ttft: percentile(ttft, 95),
    p50Total: median(total),
    p95Total: percentile(total, 95),
  };
}

function printTables(
  latency: Awaited<ReturnType<typeof measureLatency>> & { loadAverage: number },
  throughput: Awaited<ReturnType<typeof measureThroughput>> & { loadAverage: number },
): void {
  const load = (value: number) => `machine load average ${value.toFixed(1)} on ${cpus().length} CPUs`;
  const row = (name: string, s: Summary) => [
    name,
    fixed(s.p50Ttft, 2),
    fixed(s.p95Ttft, 2),
    fixed(s.p50Total, 2),
    fixed(s.p95Total, 2),
  ];
  const delta = (name: string, a: Summary, b: Summary) => [
    name,
    fixed(b.p50Ttft - a.p50Ttft, 2),
    fixed(b.p95Ttft - a.p95Ttft, 2),
    fixed(b.p50Total - a.p50Total, 2),
    fixed(b.p95Total - a.p95Total, 2),
  ];
  const out = [
    `## Router path latency (ms, ${latency.requests} short streamed requests per path, interleaved; ${load(latency.loadAverage)})`,
    "",
    markdownTable(
      ["path", "TTFT p50", "TTFT p95", "total p50", "total p95"],
      [
        row("HTTP straight to the replica", latency.direct),
        row("HTTP through a deepthink front (router)", latency.front),
        delta("added by the front (extra hop included)", latency.direct, latency.front),
        row("upstream engine, in-process", latency.engine),
        row("router engine over it, in-process", latency.routed),
        delta("added by the router engine itself", latency.engine, latency.routed),
      ],
    ),
    "",
    `## Aggregate throughput through the front (${throughput.requests} requests, ${throughput.concurrency} at a time; ${load(throughput.loadAverage)})`,
    "",
    markdownTable(
      ["replicas", "completion tokens/s (best of 2)"],
      [
        [1, fixed(throughput.one, 1)],
        [2, fixed(throughput.two, 1)],
        ["2 ÷ 1", fixed(throughput.ratio, 2)],
      ],
    ),
  ];
  process.stdout.write(`${out.join("\n")}\n`);
}
