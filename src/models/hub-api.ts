/**
 * The few Hugging Face Hub calls pulling needs: list a repo's files with sizes and sha256
 * (`GET {endpoint}/api/models/{repo}/tree/{revision}?recursive=true`, paginated by a `Link` header), and
 * the download URL of a file (`{endpoint}/{repo}/resolve/{revision}/{path}`).
 */
import { z } from "zod";
import { DeepthinkError } from "../errors.js";
import { isAbortError, isNetworkError, statusError, unreachable } from "./download-errors.js";
import { type HubConfig, hubHeaders } from "./hub-config.js";

export interface HubFile {
  /** Path inside the repo, `/`-separated. */
  path: string;
  size: number;
  /** The LFS object id, which is the file's sha256; absent for small non-LFS files. */
  sha256: string | undefined;
}

const TreeEntrySchema = z.object({
  type: z.string(),
  path: z.string(),
  size: z.number().int().nonnegative().optional(),
  lfs: z.object({ oid: z.string(), size: z.number().int().nonnegative() }).optional(),
});
const TreeSchema = z.array(TreeEntrySchema);

export interface HubRepo {
  config: HubConfig;
  user: string;
  repo: string;
  revision: string;
}

const MAX_PAGES = 50;

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function resolveUrl({ config, user, repo, revision }: HubRepo, path: string): string {
  return `${config.endpoint}/${encodeURIComponent(user)}/${encodeURIComponent(repo)}/resolve/${encodeURIComponent(revision)}/${encodePath(path)}`;
}

function nextPage(link: string | null): string | undefined {
  return link?.match(/<([^>]+)>\s*;\s*rel="?next"?/)?.[1];
}

/** All files of a repo at a revision. */
export async function listHubFiles(
  target: HubRepo,
  fetchImpl: typeof fetch,
  signal?: AbortSignal,
): Promise<HubFile[]> {
  const { config, user, repo, revision } = target;
  const id = `${user}/${repo}`;
  let url: string | undefined =
    `${config.endpoint}/api/models/${encodeURIComponent(user)}/${encodeURIComponent(repo)}/tree/${encodeURIComponent(revision)}?recursive=true`;
  const files: HubFile[] = [];
  for (let page = 0; url != null && page < MAX_PAGES; page++) {
    let response: Response;
    try {
      response = await fetchImpl(url, { headers: hubHeaders(config, url), signal });
    } catch (error) {
      if (isAbortError(error))
        throw new DeepthinkError("aborted", `Listing ${id} was stopped.`, { cause: error });
      if (isNetworkError(error)) throw unreachable(url, error, true);
      throw error;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const error = statusError(response.status, {
        what: id,
        viaHub: true,
        tokenVariable: config.tokenVariable,
      });
      if (response.status === 404) {
        throw new DeepthinkError(
          "model_not_found",
          `Hugging Face has no repo ${id} (revision ${revision}).`,
          {
            param: "model",
            hint: "check the user and repo names on huggingface.co, or run `deepthink models` for known models",
          },
        );
      }
      throw error;
    }
    const parsed = TreeSchema.safeParse(await response.json().catch(() => undefined));
    if (!parsed.success) {
      throw new DeepthinkError(
        "download_failed",
        `The Hub's file listing of ${id} is not in the expected form.`,
        {
          hint: "if HF_ENDPOINT points at a mirror, check that it serves the Hub API",
        },
      );
    }
    for (const entry of parsed.data) {
      if (entry.type !== "file") continue;
      files.push({ path: entry.path, size: entry.lfs?.size ?? entry.size ?? 0, sha256: entry.lfs?.oid });
    }
    const next = nextPage(response.headers.get("link"));
    url = next != null ? new URL(next, url).href : undefined;
  }
  return files;
}
