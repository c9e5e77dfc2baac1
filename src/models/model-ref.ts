/**
 * Parse a model argument, the same way everywhere (CLI, server config, API `model` field):
 *
 *   r1-distill-qwen-7b, deepseek-r1:7b, DeepSeek-R1-Distill-Qwen-7B   a catalog alias (case-insensitive)
 *   r1-distill-qwen-7b:Q8_0                                           an alias at another quantisation
 *   hf:unsloth/DeepSeek-R1-GGUF:UD-IQ1_S                              a Hub repo and quant tag
 *   hf:bartowski/X-GGUF/X-Q4_K_M.gguf[#revision]                      one file in a Hub repo
 *   https://host/path/model.gguf (http:// too)                        a direct URL
 *   ./model.gguf, /abs/model.gguf, ~/models/model.gguf                a local file
 *
 * Parsing is pure: it touches neither disk nor network (`resolveModel` checks that files exist).
 */
import { isAbsolute, resolve } from "node:path";
import { DeepthinkError } from "../errors.js";
import { type CatalogEntry, findCatalogEntry, findCatalogEntryByGgufRepo } from "./catalog.js";
import { expandHome } from "./home.js";
import { suggestAliases } from "./suggest-aliases.js";

export type ModelRef =
  | { kind: "alias"; input: string; entry: CatalogEntry; quant: string }
  | { kind: "hf"; input: string; user: string; repo: string; revision: string; quant: string }
  | { kind: "hf-file"; input: string; user: string; repo: string; revision: string; path: string }
  | { kind: "url"; input: string; url: string }
  | { kind: "file"; input: string; path: string };

export interface ParseModelRefOptions {
  /** A quantisation that overrides the ref's own (`--quant`); only for aliases and `hf:user/repo`. */
  quant?: string;
  /** Base for relative paths; defaults to `process.cwd()`. */
  cwd?: string;
  /** For `~`; defaults to `os.homedir()`. */
  homedir?: string;
}

/** Quant tags as used in `hf:user/repo:TAG` (llama.cpp's names, unsloth's `UD-` prefix). */
const QUANT_TAG = /^(?:UD-)?(?:I?Q\d(?:_[A-Z0-9]+)*|TQ\d_\d|BF16|F16|F32)$/i;
/** node-llama-cpp's default when an `hf:` ref names no quant. */
const FALLBACK_QUANT = "Q4_K_M";
const HF_PREFIX = /^(?:hf:\/\/|hf:|huggingface:)/i;
const HUB_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function isQuantTag(tag: string): boolean {
  return QUANT_TAG.test(tag);
}

function invalid(message: string, hint?: string): DeepthinkError {
  return new DeepthinkError("invalid_argument", message, { param: "model", hint });
}

function checkedQuant(quant: string): string {
  if (!isQuantTag(quant)) {
    throw new DeepthinkError("invalid_argument", `"${quant}" is not a quantisation tag.`, {
      param: "quant",
      hint: "use a llama.cpp quant name such as Q4_K_M, Q8_0 or UD-IQ1_S",
    });
  }
  return quant.toUpperCase();
}

function parseHf(input: string, body: string, quantOverride: string | undefined): ModelRef {
  const hashAt = body.indexOf("#");
  const revision = hashAt >= 0 && body.slice(hashAt + 1) !== "" ? body.slice(hashAt + 1) : "main";
  const [user = "", repoAndTag = "", ...rest] = (hashAt >= 0 ? body.slice(0, hashAt) : body).split("/");
  const [repo = "", tag] = repoAndTag.split(":");
  const usage =
    "write hf:user/repo:QUANT (e.g. hf:unsloth/DeepSeek-R1-GGUF:UD-IQ1_S) or hf:user/repo/file.gguf";
  if (!HUB_NAME.test(user) || !HUB_NAME.test(repo))
    throw invalid(`"${input}" is not a Hugging Face ref.`, usage);
  if (rest.length > 0) {
    const path = rest.join("/");
    if (tag != null || path === "" || rest.some((segment) => segment === "" || segment === "..")) {
      throw invalid(`"${input}" is not a Hugging Face ref.`, usage);
    }
    if (quantOverride != null) throw invalid("--quant cannot be combined with a file path inside a repo.");
    return { kind: "hf-file", input, user, repo, revision, path };
  }
  const entry = findCatalogEntryByGgufRepo(`${user}/${repo}`);
  const quant =
    quantOverride ?? (tag != null && tag !== "" ? tag : (entry?.gguf.defaultQuant ?? FALLBACK_QUANT));
  return { kind: "hf", input, user, repo, revision, quant: checkedQuant(quant) };
}

/**
 * A huggingface.co link pasted from the browser — the repo page, or a file's `blob`/`resolve` link — as
 * the `hf:` ref it stands for, so that the listing's size and sha256 are used (and HF_TOKEN is sent).
 */
function hubPageRef(raw: string, quantOverride: string | undefined): ModelRef | undefined {
  const url = new URL(raw);
  if (!/^(?:www\.)?(?:huggingface\.co|hf\.co)$/i.test(url.hostname)) return undefined;
  const [user, repo, verb, revision, ...rest] = url.pathname.split("/").slice(1).map(decodeURIComponent);
  if (user == null || repo == null || !HUB_NAME.test(user) || !HUB_NAME.test(repo)) return undefined;
  if (verb == null || verb === "" || verb === "tree") return parseHf(raw, `${user}/${repo}`, quantOverride);
  if (
    (verb === "resolve" || verb === "blob") &&
    revision != null &&
    rest.length > 0 &&
    quantOverride == null
  ) {
    return { kind: "hf-file", input: raw, user, repo, revision, path: rest.join("/") };
  }
  return undefined;
}

function looksLikePath(input: string): boolean {
  return (
    /^(?:\.{1,2}[/\\]|[/\\]|~|[A-Za-z]:[/\\])/.test(input) || /\.gguf$/i.test(input) || /[/\\]/.test(input)
  );
}

/** Parse a model argument; throws a `DeepthinkError` naming the problem and the fix. */
export function parseModelRef(input: string, options: ParseModelRefOptions = {}): ModelRef {
  const raw = input.trim();
  if (raw === "") throw invalid("No model given.", "pass a model alias such as r1-distill-qwen-1.5b");
  const quantOverride = options.quant != null ? checkedQuant(options.quant) : undefined;

  if (HF_PREFIX.test(raw)) return parseHf(raw, raw.replace(HF_PREFIX, ""), quantOverride);
  if (/^https?:\/\//i.test(raw)) {
    if (!URL.canParse(raw)) throw invalid(`"${raw}" is not a valid URL.`);
    const hub = hubPageRef(raw, quantOverride);
    if (hub != null) return hub;
    if (quantOverride != null) throw invalid("--quant cannot be combined with a URL.");
    return { kind: "url", input: raw, url: new URL(raw).href };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) {
    throw invalid(
      `Unsupported URL scheme in "${raw}".`,
      "use an https:// URL, hf:user/repo:QUANT or a local path",
    );
  }

  const entry = findCatalogEntry(raw);
  if (entry != null)
    return { kind: "alias", input: raw, entry, quant: quantOverride ?? entry.gguf.defaultQuant };
  const colon = raw.lastIndexOf(":");
  if (colon > 0) {
    const prefixEntry = findCatalogEntry(raw.slice(0, colon));
    const tag = raw.slice(colon + 1);
    if (prefixEntry != null && isQuantTag(tag)) {
      return { kind: "alias", input: raw, entry: prefixEntry, quant: quantOverride ?? checkedQuant(tag) };
    }
  }

  if (looksLikePath(raw)) {
    if (quantOverride != null) throw invalid("--quant cannot be combined with a local file.");
    const expanded = expandHome(raw, options.homedir);
    const path = isAbsolute(expanded) ? expanded : resolve(options.cwd ?? process.cwd(), expanded);
    return { kind: "file", input: raw, path };
  }

  const suggestions = suggestAliases(raw);
  const didYouMean = suggestions.length > 0 ? ` Did you mean ${suggestions.join(", ")}?` : "";
  throw new DeepthinkError("model_not_found", `Unknown model "${raw}".${didYouMean}`, {
    param: "model",
    hint: "run `deepthink models` to see every model, or pass hf:user/repo:QUANT, a URL or a .gguf path",
  });
}

/** The ref written back as a user would type it (for hints such as `deepthink pull <ref>`). */
export function formatModelRef(ref: ModelRef): string {
  switch (ref.kind) {
    case "alias":
      return ref.quant === ref.entry.gguf.defaultQuant ? ref.entry.alias : `${ref.entry.alias}:${ref.quant}`;
    case "hf":
      return `hf:${ref.user}/${ref.repo}:${ref.quant}${ref.revision !== "main" ? `#${ref.revision}` : ""}`;
    case "hf-file":
      return `hf:${ref.user}/${ref.repo}/${ref.path}${ref.revision !== "main" ? `#${ref.revision}` : ""}`;
    case "url":
      return ref.url;
    case "file":
      return ref.path;
  }
}
