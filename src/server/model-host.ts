/**
 * The model behind the API. It loads in the background (resolve → maybe download → load) so the server
 * answers at once: /health and every model route can say "loading (42%)" or, when no model can be had,
 * why not and how to fix it, instead of a server that never comes up.
 */
import type { Engine } from "../engine/spec.js";
import { DeepthinkError, toDeepthinkError } from "../errors.js";

export type HostStatus =
  | { state: "loading"; message: string; progress?: number }
  | { state: "ready"; modelId: string }
  | { state: "error"; message: string; hint?: string };

export interface ModelNames {
  /** The id the API lists first (the catalog alias when known). */
  id: string;
  /** Every other name a request may use for the same model, `deepseek-reasoner` included. */
  aliases: string[];
}

export interface ModelHost {
  status(): HostStatus;
  /** The engine, once ready. */
  engine(): Engine | undefined;
  names(): ModelNames | undefined;
  /** Resolves when loading has ended, either way. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface LoadContext {
  report(progress: { message: string; progress?: number }): void;
  signal: AbortSignal;
}

export type ModelLoader = (context: LoadContext) => Promise<Engine>;

/** DeepSeek's own model name, so code written for api.deepseek.com works unchanged. */
export const DEEPSEEK_ALIAS = "deepseek-reasoner";

export function createModelHost(load: ModelLoader): ModelHost {
  const abort = new AbortController();
  let status: HostStatus = { state: "loading", message: "loading" };
  let engine: Engine | undefined;
  const loading = load({
    signal: abort.signal,
    report({ message, progress }) {
      if (status.state === "loading")
        status = { state: "loading", message, ...(progress != null ? { progress } : {}) };
    },
  }).then(
    (loaded) => {
      if (abort.signal.aborted) return loaded.close();
      engine = loaded;
      status = { state: "ready", modelId: loaded.info().modelId };
    },
    (error: unknown) => {
      const typed = toDeepthinkError(error, "model_load_failed");
      status = {
        state: "error",
        message: typed.message,
        ...(typed.hint != null ? { hint: typed.hint } : {}),
      };
    },
  );

  return {
    status() {
      if (engine == null) return status;
      // An engine may have a life of its own after loading (an upstream that goes away and comes back).
      const own = engine.info().status;
      if (own.state === "ready") return status;
      if (own.state === "loading") {
        return { state: "loading", message: own.message ?? "loading", progress: own.progress };
      }
      return { state: "error", message: own.message, ...(own.hint != null ? { hint: own.hint } : {}) };
    },
    engine: () => (engine != null && engine.info().status.state === "ready" ? engine : undefined),
    names: () => (engine == null ? undefined : namesOf(engine)),
    settled: () => loading,
    async close() {
      abort.abort();
      await loading;
      await engine?.close();
    },
  };
}

/** A host for an engine that is already loaded (tests, benchmarks, embedding). */
export function hostFromEngine(engine: Engine): ModelHost {
  return createModelHost(async () => engine);
}

function namesOf(engine: Engine): ModelNames {
  const info = engine.info();
  const aliases = [...new Set([...info.aliases, DEEPSEEK_ALIAS])].filter((name) => name !== info.modelId);
  return { id: info.modelId, aliases };
}

/** The one sentence a model route answers with while no engine can serve it. */
export function unavailableError(status: Exclude<HostStatus, { state: "ready" }>): DeepthinkError {
  if (status.state === "loading") {
    const pct = status.progress != null ? ` (${Math.round(status.progress * 100)}%)` : "";
    const what = status.message.replace(/\.$/, "");
    return new DeepthinkError(
      "model_unavailable",
      `The model is not ready yet: ${what}${pct}; try again shortly.`,
      {
        retryAfterSeconds: 5,
      },
    );
  }
  const hint = status.hint != null ? ` ${status.hint}` : "";
  return new DeepthinkError("model_unavailable", `No model is available: ${status.message}${hint}`);
}

/** The engine for a request's `model`, or the error that says why there is none (503, 404). */
export function servedModel(
  host: ModelHost,
  requested: string | null | undefined,
): { engine: Engine; model: string } {
  const status = host.status();
  const engine = host.engine();
  const names = host.names();
  if (status.state !== "ready") throw unavailableError(status);
  if (engine == null || names == null) throw new DeepthinkError("model_unavailable", "No model is loaded.");
  // No `model` at all means "whatever you serve", as llama.cpp's server reads it.
  if (requested == null || requested === "") return { engine, model: names.id };
  if (requested === names.id || names.aliases.includes(requested)) return { engine, model: requested };
  const also = names.aliases.map((alias) => `'${alias}'`).join(", ");
  throw new DeepthinkError(
    "model_not_found",
    `The model '${requested}' does not exist on this server; it serves '${names.id}' (also as ${also}).`,
    { param: "model" },
  );
}
