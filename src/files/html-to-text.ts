/**
 * Readable text from HTML, for uploaded .html files and fetched pages: Mozilla's Readability (the
 * Firefox reader view) on a linkedom DOM picks the article and drops menus, ads and footers; its result
 * is flattened to text that keeps paragraphs, list items, headings and table rows on their own lines.
 * When Readability finds no article (a table, a short page), the whole body is used instead, minus
 * scripts, styles and navigation.
 */
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";

const SKIP = new Set([
  "script",
  "style",
  "noscript",
  "template",
  "svg",
  "canvas",
  "iframe",
  "object",
  "head",
]);
// Dropped only when falling back to the whole body; inside an article Readability already chose.
const CHROME = new Set(["nav", "header", "footer", "aside", "form", "button", "select", "dialog"]);
const BLOCK = new Set(
  (
    "address article aside blockquote body details dialog dd div dl dt fieldset figcaption figure footer form " +
    "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul caption"
  ).split(" "),
);
const PARAGRAPH = new Set([
  "p",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "pre",
  "blockquote",
  "table",
  "ul",
  "ol",
]);

/** Text of a DOM subtree with block structure kept as line breaks. */
export function domText(root: Node, skip: ReadonlySet<string> = SKIP): string {
  let out = "";
  const atLineStart = () => out === "" || out.endsWith("\n");
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === 3) {
      const value = node.nodeValue ?? "";
      if (pre) out += value;
      else {
        const collapsed = value.replace(/\s+/g, " ");
        out += atLineStart() || out.endsWith(" ") ? collapsed.trimStart() : collapsed;
      }
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : "";
    if (skip.has(tag)) return;
    if (tag === "br") {
      out += "\n";
      return;
    }
    const block = BLOCK.has(tag);
    const gap = PARAGRAPH.has(tag) ? "\n\n" : "\n";
    if (block) out += gap;
    if (tag === "li") out += "- ";
    if ((tag === "td" || tag === "th") && !atLineStart()) out += " | ";
    for (const child of Array.from(node.childNodes)) walk(child, pre || tag === "pre");
    if (block) out += gap;
  };
  walk(root, false);
  return out
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

export interface ReadableText {
  /** The page's title ('' when it has none). */
  title: string;
  text: string;
  /** Whether Readability found an article (false: the whole body was used). */
  article: boolean;
}

// Readability gives up (throws) past this many elements; such pages fall back to the body text.
const MAX_ELEMENTS = 30_000;
// An "article" shorter than this is usually Readability picking a fragment of a non-article page.
const MIN_ARTICLE_CHARS = 200;

export function htmlToReadableText(html: string): ReadableText {
  const { document } = parseHTML(html);
  const title = (document.title ?? "").replace(/\s+/g, " ").trim();
  let text = "";
  try {
    const article = new Readability<string>(document as unknown as Document, {
      maxElemsToParse: MAX_ELEMENTS,
      serializer: (node) => domText(node),
    }).parse();
    text = article?.content?.trim() ?? "";
  } catch {
    text = ""; // too large or too odd for Readability: the body fallback below still reads it
  }
  if (text.length >= MIN_ARTICLE_CHARS) return { title, text, article: true };
  // Readability mutates the DOM it reads, so the fallback parses afresh.
  const fresh = parseHTML(html).document;
  const body = domText((fresh.body ?? fresh) as unknown as Node, new Set([...SKIP, ...CHROME]));
  return { title, text: body !== "" ? body : text, article: false };
}
