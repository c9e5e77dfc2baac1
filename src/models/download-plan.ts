/**
 * What `pull` must fetch for a ref: each file's URL, local destination, and — for Hub refs — the size
 * and sha256 from the repo listing. Hub refs ask the Hub API; URL refs need no request to plan (a URL to
 * part 1 of a split model brings its sibling parts, named by the same pattern).
 */
import { join } from "node:path";
import { baseName, splitPartName, splitPartOf } from "./gguf-file-names.js";
import { type HubRepo, listHubFiles, resolveUrl } from "./hub-api.js";
import type { HubConfig } from "./hub-config.js";
import { hfFileFileName, hfQuantFileName, urlFileName } from "./local-names.js";
import type { ModelRef } from "./model-ref.js";
import { selectPathFiles, selectQuantFiles } from "./select-hub-files.js";

export interface PlannedFile {
  url: string;
  dest: string;
  expectedSize?: number;
  sha256?: string;
  /** Whether the URL is on the Hub endpoint (errors then speak of HF_TOKEN and HF_ENDPOINT). */
  viaHub: boolean;
}

export interface PlanContext {
  modelsDir: string;
  hub: HubConfig;
  fetch: typeof fetch;
  signal?: AbortSignal;
}

function urlPlan(url: string, modelsDir: string, hub: HubConfig): PlannedFile[] {
  const parsed = new URL(url);
  const viaHub = parsed.host === new URL(hub.endpoint).host;
  const fileName = decodeURIComponent(baseName(parsed.pathname));
  const split = splitPartOf(fileName);
  if (split == null || split.part !== 1) return [{ url, dest: join(modelsDir, urlFileName(url)), viaHub }];
  return Array.from({ length: split.parts }, (_, i) => {
    const partUrl = new URL(parsed.href);
    const folder = partUrl.pathname.slice(0, partUrl.pathname.lastIndexOf("/") + 1);
    partUrl.pathname = folder + encodeURIComponent(splitPartName(`${split.stem}.gguf`, i + 1, split.parts));
    return { url: partUrl.href, dest: join(modelsDir, urlFileName(partUrl.href)), viaHub };
  });
}

/** The files to download for `ref` (not for local `file` refs, which are never downloaded). */
export async function planDownload(
  ref: Exclude<ModelRef, { kind: "file" }>,
  context: PlanContext,
): Promise<PlannedFile[]> {
  const { modelsDir, hub } = context;
  if (ref.kind === "url") return urlPlan(ref.url, modelsDir, hub);

  const [user = "", repo = ""] = ref.kind === "alias" ? ref.entry.gguf.repo.split("/") : [ref.user, ref.repo];
  const revision = ref.kind === "alias" ? "main" : ref.revision;
  const target: HubRepo = { config: hub, user, repo, revision };
  const listing = await listHubFiles(target, context.fetch, context.signal);
  const repoId = `${user}/${repo}`;

  const files =
    ref.kind === "hf-file"
      ? selectPathFiles(listing, ref.path, repoId)
      : selectQuantFiles(listing, ref.quant, repoId);
  return files.map((file, index) => {
    const name =
      ref.kind === "hf-file"
        ? hfFileFileName(user, repo, file.path, revision)
        : hfQuantFileName(
            user,
            repo,
            ref.quant,
            revision,
            files.length > 1 ? { part: index + 1, parts: files.length } : undefined,
          );
    return {
      url: resolveUrl(target, file.path),
      dest: join(modelsDir, name),
      expectedSize: file.size,
      sha256: file.sha256,
      viaHub: true,
    };
  });
}
