/**
 * What kind of file this is, from its content first (PDF and DOCX have signatures, and a renamed file
 * should still be read for what it is), then its extension, then the MIME type the uploader claimed.
 */

export type FileKind = "text" | "markdown" | "code" | "csv" | "json" | "html" | "pdf" | "docx";

const BY_EXTENSION: Readonly<Record<string, FileKind>> = {
  txt: "text",
  text: "text",
  log: "text",
  rst: "text",
  tex: "text",
  adoc: "text",
  org: "text",
  md: "markdown",
  markdown: "markdown",
  mdx: "markdown",
  csv: "csv",
  tsv: "csv",
  json: "json",
  jsonl: "json",
  ndjson: "json",
  geojson: "json",
  html: "html",
  htm: "html",
  xhtml: "html",
  pdf: "pdf",
  docx: "docx",
};

// Source code and configuration: read as text, named "code" so edges can show them as such.
const CODE = new Set(
  (
    "ts tsx mts cts js jsx mjs cjs py pyi rb go rs java kt kts scala groovy gradle c h cc cpp cxx hpp hh cs fs swift " +
    "m mm php pl pm r jl lua dart ex exs erl hrl clj cljs hs ml mli elm nim zig v sol sh bash zsh fish ps1 bat cmd " +
    "sql graphql gql proto thrift yaml yml toml ini cfg conf properties env xml xsd svg css scss sass less vue svelte " +
    "astro tf hcl nix cmake mk dockerfile makefile ipynb patch diff"
  ).split(" "),
);
// Files commonly named without an extension.
const CODE_NAMES = new Set(["dockerfile", "makefile", "gemfile", "rakefile", "procfile", "justfile"]);
const TEXT_NAMES = new Set(["readme", "license", "licence", "changelog", "authors", "notice", "copying"]);

const BY_MIME: Readonly<Record<string, FileKind>> = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/csv": "csv",
  "text/tab-separated-values": "csv",
  "application/json": "json",
  "application/x-ndjson": "json",
  "text/plain": "text",
};

/** Formats a person can be told about when a file is refused. */
export const SUPPORTED_FORMATS = "text, Markdown, code, CSV, JSON, HTML, PDF and DOCX";

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
}

function startsWith(bytes: Uint8Array, signature: string): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature.charCodeAt(i)) return false;
  return true;
}

/** The kind a file name promises (extension or well-known name), without reading the file. */
export function kindFromName(name: string): FileKind | null {
  const extension = extensionOf(name);
  // Own keys only: an extension such as ".constructor" must not find Object.prototype's.
  const byExtension = Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
  if (byExtension != null) return byExtension;
  if (CODE.has(extension)) return "code";
  const base = (name.split(/[\\/]/).pop() ?? "").toLowerCase();
  if (CODE_NAMES.has(base)) return "code";
  if (TEXT_NAMES.has(base)) return "text";
  return null;
}

/** The kind, or null when neither content, name nor MIME type says (the caller may still try text). */
export function detectFileKind(file: { name: string; bytes: Uint8Array; mime?: string }): FileKind | null {
  if (startsWith(file.bytes, "%PDF-")) return "pdf";
  const byName = kindFromName(file.name);
  if (byName != null) return byName;
  const mime = file.mime?.split(";")[0]?.trim().toLowerCase();
  if (mime != null) {
    const byMime = Object.hasOwn(BY_MIME, mime) ? BY_MIME[mime] : undefined;
    if (byMime != null) return byMime;
    if (mime.startsWith("text/")) return "text";
  }
  return null;
}
