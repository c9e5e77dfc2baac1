/**
 * The real server on an ephemeral 127.0.0.1 port, over the real llama.cpp engine on a scripted (or
 * random-weight) tiny model, with its log lines captured. Shared by the server-*.test.ts suites.
 */
import { Writable } from "node:stream";
import pino from "pino";
import { createLlamaCppEngine } from "../../src/engine/llama-cpp/index.js";
import type { Engine } from "../../src/engine/spec.js";
import {
  hostFromEngine,
  type RunningServer,
  type ServerLimits,
  startServer,
} from "../../src/server/index.js";
import { randomModelPath, scriptedModelPath } from "../helpers/test-models.js";

export const MODEL_ID = "r1-test";
export const MODEL_ALIAS = "r1-distill-qwen-1.5b";

export interface LogLine {
  level: number;
  msg: string;
  reqId?: string;
  status?: number;
  completionTokens?: number;
  [key: string]: unknown;
}

export interface Harness {
  url: string;
  engine: Engine;
  server: RunningServer;
  logs: LogLine[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  /** The scripted model's raw output; a random-weight model when absent. */
  reply?: string;
  parallel?: number;
  queueLimit?: number;
  contextSize?: number;
  apiKeys?: string[];
  limits?: Partial<ServerLimits>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const modelPath =
    options.reply != null ? await scriptedModelPath({ reply: options.reply }) : await randomModelPath();
  const engine = await createLlamaCppEngine({
    modelPath,
    modelId: MODEL_ID,
    aliases: [MODEL_ALIAS],
    threads: 1,
    contextSize: options.contextSize ?? 1024,
    parallel: options.parallel ?? 2,
    gpu: false,
    ...(options.queueLimit != null ? { queueLimit: options.queueLimit } : {}),
  });
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)) as LogLine);
      done();
    },
  });
  const host = hostFromEngine(engine);
  await host.settled();
  const server = await startServer({
    models: host,
    logger: pino({ level: "debug" }, sink),
    port: 0,
    ...(options.apiKeys != null ? { apiKeys: options.apiKeys } : {}),
    ...(options.limits != null ? { limits: options.limits } : {}),
  });
  return {
    url: server.url,
    engine,
    server,
    logs,
    async close() {
      await server.close();
      await host.close();
    },
  };
}

/** Resolves once `check` holds, polling; rejects after `timeoutMs` (a bound for a hang, not a speed test). */
export async function eventually(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The request log line of a request id, once written. */
export async function logLineOf(harness: Harness, requestId: string): Promise<LogLine> {
  let line: LogLine | undefined;
  await eventually(() => {
    line = harness.logs.find((l) => l.reqId === requestId && l.msg !== "request failed" && l.status != null);
    return line != null;
  });
  return line!;
}
