/**
 * `deepthink serve [model]`: the OpenAI/DeepSeek-compatible API. The socket opens first and the model
 * loads behind it (pulling it with a progress bar when missing), so /health can say "loading" and, when no
 * model can be had (offline, bad path), why and how to fix it, instead of a server that never comes up.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import pino, { type Logger } from "pino";
import type { LlamaCppEngineOptions } from "../engine/llama-cpp/index.js";
import {
  applyUpstreamKeys,
  createUpstreamModel,
  parseUpstreamConfig,
  parseUpstreamFlag,
  renderReplicaMetrics,
  type UpstreamModelSpec,
} from "../engine/router/index.js";
import type { Engine } from "../engine/spec.js";
import { DeepthinkError, toDeepthinkError } from "../errors.js";
import { DEFAULT_MODEL_ALIAS } from "../models/catalog.js";
import { type ChatApp, mountChatApp } from "../server/chat-app/index.js";
import {
  collectApiKeys,
  createModelHost,
  createModelSet,
  DEFAULT_HOST,
  DEFAULT_PORT,
  type HostStatus,
  hostFromEngine,
  type LoadContext,
  type ModelHost,
  type RunningServer,
  startServer,
} from "../server/index.js";
import { defaultDatabasePath, openDatabase } from "../store/index.js";
import { type CliIo, parseIntOption } from "./cli-io.js";
import { addEngineOptions, type EngineFlags, engineOptionsFrom } from "./engine-options.js";
import { type LoadReport, loadModelEngine } from "./open-engine.js";
import { createProgressReporter, type ProgressReporter } from "./progress-bar.js";

interface ServeFlags extends EngineFlags {
  model?: string;
  host: string;
  port: number;
  apiKey: string[];
  insecureNoAuth?: boolean;
  logLevel: string;
  keepAlive?: number;
  upstream: string[];
  upstreamKey: string[];
  upstreams?: string;
  db?: string;
}

export interface ServeDeps {
  /** Loads the engine; defaults to the catalog/pull/llama.cpp path shared with `run` and `chat`. */
  loadEngine?: (
    ref: string,
    options: Partial<LlamaCppEngineOptions>,
    context: LoadContext,
  ) => Promise<Engine>;
  /** Resolves when the server should stop; defaults to SIGINT or SIGTERM. */
  untilShutdown?: (server: RunningServer) => Promise<void>;
}

const FIX_HINT =
  "Start with --model /path/to/model.gguf, or download the model first with `deepthink pull <model>` " +
  "on a machine with network access.";

export function registerServeCommand(program: Command, io: CliIo, deps: ServeDeps = {}): void {
  const command = program
    .command("serve")
    .description("serve an OpenAI- and DeepSeek-compatible API (POST /v1/chat/completions)")
    .argument(
      "[model]",
      `an alias, hf:user/repo:QUANT, an https URL, or a .gguf path (default: ${DEFAULT_MODEL_ALIAS})`,
    )
    .option("--model <model>", "the same as the [model] argument")
    .option("--host <host>", "address to listen on", DEFAULT_HOST)
    .option("--port <port>", "port to listen on", parseIntOption(0, 65535), DEFAULT_PORT)
    .option(
      "--api-key <key>",
      "accept this API key (repeatable; also DEEPTHINK_API_KEYS, comma-separated)",
      collect,
      [],
    )
    .option("--insecure-no-auth", "allow listening beyond loopback without an API key")
    .option(
      "--keep-alive <seconds>",
      "SSE keep-alive comment interval while a request waits",
      parseIntOption(1, 3600),
    )
    .option("--log-level <level>", "fatal, error, warn, info, debug or silent", "info")
    .option(
      "--upstream <NAME=URL[,URL…]>",
      "also serve NAME from OpenAI-compatible servers (vLLM, SGLang, llama-server, Ollama, DeepSeek, deepthink), routed across the URLs; repeatable",
      collect,
      [],
    )
    .option(
      "--upstream-key <KEY|NAME=KEY>",
      "API key for every upstream, or for one (repeatable; also DEEPTHINK_UPSTREAM_KEY)",
      collect,
      [],
    )
    .option("--upstreams <file>", "upstream models, one per line: NAME = URL[, URL…] [option=value …]")
    .option(
      "--db <path>",
      "SQLite file for the chat app's conversations and settings (default: $DEEPTHINK_HOME/deepthink.db)",
    );
  addEngineOptions(command).action(async (modelArg: string | undefined, flags: ServeFlags) => {
    const ref = flags.model ?? modelArg ?? DEFAULT_MODEL_ALIAS;
    const specs = upstreamSpecs(flags, io.env);
    const routers = specs.map((spec) => createUpstreamModel(spec, { env: io.env, fetch: io.fetch }));
    // With upstreams, the embedded model runs only when one is named; alone, the default one loads.
    const embedded = specs.length === 0 || flags.model != null || modelArg != null;
    const logger = pino({ level: flags.logLevel, base: { pid: process.pid } }, io.stdout);
    const apiKeys = collectApiKeys(flags.apiKey, io.env["DEEPTHINK_API_KEYS"]);
    const load = deps.loadEngine ?? defaultLoader(io);
    const progress = downloadBar(io, ref);
    const hosts: ModelHost[] = routers.map((router) => hostFromEngine(router));
    if (embedded) {
      const local = createModelHost(async (context) => {
        try {
          return await load(ref, engineOptionsFrom(flags), {
            signal: context.signal,
            report: (report) => {
              context.report(report);
              progress.update(report);
            },
          });
        } catch (error) {
          const typed = toDeepthinkError(error, "model_load_failed");
          throw typed.hint != null
            ? typed
            : new DeepthinkError(typed.code, typed.message, { cause: typed, hint: FIX_HINT });
        } finally {
          progress.stop();
        }
      });
      hosts.unshift(local);
    }
    const host = createModelSet(hosts);
    const db = openDatabase(flags.db ?? defaultDatabasePath(io.env));
    let chatApp: ChatApp | undefined;
    let server: RunningServer;
    try {
      server = await startServer({
        models: host,
        logger,
        apiKeys,
        host: flags.host,
        port: flags.port,
        insecureNoAuth: flags.insecureNoAuth === true,
        extraMetrics: () =>
          renderReplicaMetrics(routers.map((r) => ({ model: r.info().modelId, replicas: r.replicaStats() }))),
        ...(flags.keepAlive != null ? { limits: { keepAliveMs: flags.keepAlive * 1000 } } : {}),
        mount: (app, context) => {
          chatApp = mountChatApp(app, { ...context, db, logger });
        },
      });
    } catch (error) {
      await host.close();
      db.close();
      throw error;
    }
    logger.info(
      { url: server.url, auth: apiKeys.length > 0 },
      `listening on ${server.url} (OpenAI base URL ${server.url}/v1); loading ${ref}`,
    );
    void host.settled().then(() => reportLoad(logger, host.status(), ref));
    try {
      await (deps.untilShutdown ?? untilSignal)(server);
    } finally {
      logger.info("shutting down");
      await server.close();
      await chatApp?.close();
      // Closing the sockets aborted every generation; let the engine wind them down before it is freed.
      await untilIdle(host, 5000);
      await host.close();
      db.close();
    }
  });
}

function reportLoad(logger: Logger, status: HostStatus, ref: string): void {
  if (status.state === "ready") {
    logger.info({ model: status.modelId }, `model ${status.modelId} is ready`);
  } else if (status.state === "error") {
    // The server keeps running: /health and every model route now answer with this reason.
    const fix = `To fix it, start with --model /path/to/model.gguf, or download the model with \`deepthink pull ${ref}\` where the network is reachable`;
    const hint = status.hint != null && status.hint !== FIX_HINT ? ` (hint: ${status.hint})` : "";
    logger.error({ model: ref }, `no model: ${status.message} ${fix}${hint}.`);
  }
}

function defaultLoader(io: CliIo): NonNullable<ServeDeps["loadEngine"]> {
  return (ref, options, context) =>
    loadModelEngine(ref, options, {
      env: io.env,
      fetch: io.fetch,
      signal: context.signal,
      report: (report: LoadReport) => context.report(report),
    });
}

/** A download bar on stderr while a missing model is pulled (the log lines go to stdout). */
function downloadBar(io: CliIo, ref: string) {
  let bar: ProgressReporter | undefined;
  return {
    update(report: LoadReport | { message: string; progress?: number }) {
      const download = "download" in report ? report.download : undefined;
      if (download == null) return;
      bar ??= createProgressReporter({ stream: io.stderr, label: `downloading ${ref}` });
      bar.update({
        done: download.bytesDone,
        total: download.bytesTotal,
        bytesPerSecond: download.bytesPerSecond,
        etaSeconds: download.etaSeconds,
        ...(download.fileCount > 1 ? { detail: `part ${download.fileIndex + 1}/${download.fileCount}` } : {}),
      });
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}

async function untilIdle(host: ModelHost, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((host.engine()?.stats().busySlots ?? 0) > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--upstreams FILE` lines, then `--upstream` flags, with `--upstream-key`s (and DEEPTHINK_UPSTREAM_KEY) applied. */
function upstreamSpecs(flags: ServeFlags, env: CliIo["env"]): UpstreamModelSpec[] {
  const fromFile =
    flags.upstreams != null
      ? parseUpstreamConfig(readFileSync(flags.upstreams, "utf8"), flags.upstreams)
      : [];
  const specs = [...fromFile, ...flags.upstream.map((value) => parseUpstreamFlag(value))];
  const envKey = env["DEEPTHINK_UPSTREAM_KEY"];
  return applyUpstreamKeys(specs, [
    ...(envKey != null && envKey !== "" ? [envKey] : []),
    ...flags.upstreamKey,
  ]);
}
