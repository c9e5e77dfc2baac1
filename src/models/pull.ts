/**
 * `pullModel`: bring a model into the models folder. Catalog aliases and `hf:` refs are resolved through
 * the Hub's file listing (which file(s) hold the quant, their sizes and sha256); URLs are fetched as they
 * are. Split models come down part by part, in order. A model already complete on disk is not fetched
 * again (no network at all); an interrupted one resumes where it stopped.
 */
import { mkdir } from "node:fs/promises";
import { DeepthinkError } from "../errors.js";
import { downloadFile } from "./download-file.js";
import { type PlannedFile, planDownload } from "./download-plan.js";
import type { Env, ModelsHome } from "./home.js";
import { type HubConfig, hubHeaders, loadHubConfig } from "./hub-config.js";
import { findLocalModel } from "./local-files.js";
import { type ModelRef, parseModelRef } from "./model-ref.js";
import { createTransferMeter } from "./transfer-meter.js";

export interface PullProgress {
  /** Local name of the file being downloaded. */
  file: string;
  /** 0-based index of that file among `fileCount` (split models have several). */
  fileIndex: number;
  fileCount: number;
  /** Bytes on disk over all files, resumed prefixes included. */
  bytesDone: number;
  /** Total over all files, once every file's size is known. */
  bytesTotal: number | undefined;
  bytesPerSecond: number;
  etaSeconds: number | undefined;
}

export interface PullOptions {
  home: ModelsHome;
  /** Where HF_ENDPOINT / HF_TOKEN / HUGGING_FACE_HUB_TOKEN come from (default: none set). */
  env?: Env;
  /** Already-loaded Hub settings; wins over `env`. */
  hub?: HubConfig;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: PullProgress) => void;
  /** Quantisation override when `ref` is a string (`--quant`). */
  quant?: string;
  now?: () => number;
  /** Automatic resumes per file after a dropped connection (default 3). */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

export interface PullResult {
  ref: ModelRef;
  /** The file to load: the model, or part 1 of a split model. */
  path: string;
  files: string[];
  /** Bytes that came over the network in this call. */
  downloadedBytes: number;
  /** True when everything was already on disk and nothing was requested. */
  alreadyPresent: boolean;
}

function fileName(path: string): string {
  return path.split(/[/\\]/).pop() ?? path;
}

export async function pullModel(input: string | ModelRef, options: PullOptions): Promise<PullResult> {
  const ref = typeof input === "string" ? parseModelRef(input, { quant: options.quant }) : input;
  const modelsDir = options.home.modelsDir;
  const local = await findLocalModel(ref, modelsDir);
  if (local != null) return { ref, ...local, downloadedBytes: 0, alreadyPresent: true };
  if (ref.kind === "file") {
    throw new DeepthinkError("model_not_found", `No GGUF file at ${ref.path}.`, {
      param: "model",
      hint: "check the path, or pull a catalog model: deepthink models",
    });
  }

  const hub = options.hub ?? loadHubConfig(options.env ?? {});
  const fetchImpl = options.fetch ?? globalThis.fetch;
  await mkdir(modelsDir, { recursive: true });
  const plan: PlannedFile[] = await planDownload(ref, {
    modelsDir,
    hub,
    fetch: fetchImpl,
    signal: options.signal,
  });

  const meter = createTransferMeter(options.now);
  const totals: (number | undefined)[] = plan.map((file) => file.expectedSize);
  let finishedBytes = 0;
  let downloadedBytes = 0;
  let fileDone = 0;
  for (const [index, file] of plan.entries()) {
    downloadedBytes += await downloadFile(file, {
      fetch: fetchImpl,
      headers: hubHeaders(hub, file.url),
      signal: options.signal,
      viaHub: file.viaHub,
      tokenVariable: hub.tokenVariable,
      retries: options.retries,
      sleep: options.sleep,
      onProgress: ({ done, total, transferred }) => {
        fileDone = done;
        if (total != null) totals[index] = total;
        if (transferred > 0) meter.add(transferred);
        const bytesTotal = totals.every((size) => size != null)
          ? totals.reduce<number>((a, b) => a + (b ?? 0), 0)
          : undefined;
        const bytesDone = finishedBytes + done;
        options.onProgress?.({
          file: fileName(file.dest),
          fileIndex: index,
          fileCount: plan.length,
          bytesDone,
          bytesTotal,
          bytesPerSecond: meter.bytesPerSecond(),
          etaSeconds: meter.etaSeconds(bytesTotal != null ? bytesTotal - bytesDone : undefined),
        });
      },
    });
    finishedBytes += totals[index] ?? fileDone;
    fileDone = 0;
  }
  const files = plan.map((file) => file.dest);
  return { ref, path: files[0] ?? "", files, downloadedBytes, alreadyPresent: false };
}
