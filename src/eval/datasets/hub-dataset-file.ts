/**
 * A dataset file from the Hugging Face Hub, downloaded on first use into
 * `$DEEPTHINK_HOME/datasets/<repo>/<revision>/<file>` and read from there afterwards. The sha256 is
 * computed on every use (it goes into the results), so a cached file edited by hand shows up as a
 * different dataset instead of silently mixing into an old run.
 */
import { createHash } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, rename, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { DeepthinkError } from "../../errors.js";
import { isAbortError, isNetworkError } from "../../models/download-errors.js";
import { type Env, loadModelsHome } from "../../models/home.js";
import { hubHeaders, loadHubConfig } from "../../models/hub-config.js";
import { fileSha256 } from "./file-sha256.js";

export interface DatasetFile {
  /** The file's name in its repository (or the local path given with --data). */
  name: string;
  path: string;
  sha256: string;
  bytes: number;
}

export interface DatasetFetchContext {
  env: Env;
  fetch: typeof fetch;
  signal?: AbortSignal;
  /** Called when a download starts, so the CLI can say what it is waiting for. */
  onDownload?: (url: string) => void;
}

export interface HubFileRef {
  repo: string;
  file: string;
  revision?: string;
  /** Shown in the 401/403 hint (GPQA asks you to accept its terms first). */
  gated?: boolean;
}

export function hubFileUrl(endpoint: string, ref: HubFileRef): string {
  const file = ref.file.split("/").map(encodeURIComponent).join("/");
  return `${endpoint}/datasets/${ref.repo}/resolve/${ref.revision ?? "main"}/${file}`;
}

export async function hubDatasetFile(ref: HubFileRef, context: DatasetFetchContext): Promise<DatasetFile> {
  const home = loadModelsHome(context.env).home;
  const path = join(home, "datasets", ref.repo, ref.revision ?? "main", ref.file);
  if (!existsSync(path)) await download(ref, path, context);
  return { name: `${ref.repo}/${ref.file}`, path, ...(await fileSha256(path)) };
}

async function download(ref: HubFileRef, path: string, context: DatasetFetchContext): Promise<void> {
  const hub = loadHubConfig(context.env);
  const url = hubFileUrl(hub.endpoint, ref);
  context.onDownload?.(url);
  let response: Response;
  try {
    response = await context.fetch(url, {
      headers: hubHeaders(hub, url),
      redirect: "follow",
      ...(context.signal != null ? { signal: context.signal } : {}),
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new DeepthinkError(
      isNetworkError(error) ? "network_unavailable" : "download_failed",
      `Cannot download ${ref.repo}/${ref.file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error, hint: "check the network (or HF_ENDPOINT), or pass a local copy with --data <file>" },
    );
  }
  if (!response.ok || response.body == null) {
    await response.body?.cancel();
    throw httpError(ref, response.status, hub.tokenVariable);
  }
  await mkdir(dirname(path), { recursive: true });
  const partial = `${path}.partial-${process.pid}`;
  const hash = createHash("sha256");
  try {
    await pipeline(
      Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>),
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      }),
      createWriteStream(partial),
    );
    // Only a complete file gets the final name, so a killed download never looks cached.
    await rename(partial, path);
  } catch (error) {
    await unlink(partial).catch(() => {});
    if (isAbortError(error)) throw error;
    throw new DeepthinkError("download_failed", `Download of ${url} broke off: ${String(error)}`, {
      cause: error,
      hint: "run the command again",
    });
  }
}

function httpError(ref: HubFileRef, status: number, tokenVariable: string | undefined): DeepthinkError {
  const what = `${ref.repo}/${ref.file}`;
  if (status === 401 || status === 403) {
    const page = `https://huggingface.co/datasets/${ref.repo}`;
    return new DeepthinkError("unauthorized", `The Hub refused ${what} (HTTP ${status}).`, {
      hint: ref.gated
        ? `this dataset is gated: accept its terms at ${page}, then set HF_TOKEN to a token of that account` +
          (tokenVariable != null ? ` (${tokenVariable} is set but was refused)` : "")
        : "set HF_TOKEN to a Hugging Face token that can read it",
    });
  }
  if (status === 404) {
    return new DeepthinkError("invalid_argument", `The Hub has no file ${what} (HTTP 404).`, {
      hint: "pass a local copy with --data <file>",
    });
  }
  return new DeepthinkError("download_failed", `The Hub answered HTTP ${status} for ${what}.`, {
    hint: "try again later, or pass a local copy with --data <file>",
  });
}
