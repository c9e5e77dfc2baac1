import { basename } from "node:path";
import { createLlamaCppEngine, type LlamaCppEngineOptions } from "../engine/llama-cpp/index.js";
import type { Engine } from "../engine/spec.js";
import { loadModelsHome } from "../models/home.js";
import type { PullProgress } from "../models/pull.js";
import { resolveModel } from "../models/resolve-model.js";
import type { CliIo } from "./cli-io.js";
import { createProgressReporter } from "./progress-bar.js";

export interface LoadReport {
  /** What is happening, for a status line (`downloading …`, `loading …`). */
  message: string;
  /** 0..1 when known. */
  progress?: number;
  /** Raw download progress, for a byte-level bar. */
  download?: PullProgress;
}

export interface LoadModelContext {
  env: Readonly<Record<string, string | undefined>>;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  report?: (report: LoadReport) => void;
}

/**
 * A model argument (alias, hf: ref, URL or path) → a running llama.cpp engine: find the file, download
 * it when missing (resuming a partial one), then load it. Shared by `run`, `chat` and `serve`.
 */
export async function loadModelEngine(
  ref: string,
  options: Partial<LlamaCppEngineOptions>,
  context: LoadModelContext,
): Promise<Engine> {
  const resolved = await resolveModel(ref, {
    download: true,
    home: loadModelsHome(context.env),
    env: context.env,
    ...(context.fetch != null ? { fetch: context.fetch } : {}),
    ...(context.signal != null ? { signal: context.signal } : {}),
    onProgress: (download) =>
      context.report?.({
        message: `downloading ${ref}`,
        ...(download.bytesTotal != null ? { progress: download.bytesDone / download.bytesTotal } : {}),
        download,
      }),
  });
  context.report?.({ message: `loading ${basename(resolved.path)}`, progress: 0 });
  const entry = resolved.entry;
  return createLlamaCppEngine({
    ...options,
    modelPath: resolved.path,
    modelId: options.modelId ?? entry?.alias ?? basename(resolved.path).replace(/\.gguf$/i, ""),
    aliases: options.aliases ?? (entry != null ? [...entry.aliases] : []),
    onLoadProgress: (fraction) =>
      context.report?.({ message: `loading ${basename(resolved.path)}`, progress: fraction }),
    ...(context.signal != null ? { signal: context.signal } : {}),
  });
}

/** For the terminal commands: the same, with a download progress bar on stderr. */
export async function openEngine(
  ref: string,
  options: Partial<LlamaCppEngineOptions>,
  io: CliIo,
): Promise<Engine> {
  let bar: ReturnType<typeof createProgressReporter> | undefined;
  try {
    return await loadModelEngine(ref, options, {
      env: io.env,
      fetch: io.fetch,
      report: ({ download }) => {
        if (download == null) {
          bar?.stop();
          bar = undefined;
          return;
        }
        bar ??= createProgressReporter({ stream: io.stderr, label: `downloading ${ref}` });
        bar.update({
          done: download.bytesDone,
          total: download.bytesTotal,
          bytesPerSecond: download.bytesPerSecond,
          etaSeconds: download.etaSeconds,
          ...(download.fileCount > 1
            ? { detail: `part ${download.fileIndex + 1}/${download.fileCount}` }
            : {}),
        });
      },
    });
  } finally {
    bar?.stop();
  }
}
