/**
 * A rehype plugin: `[citation:N]` markers in answer text become numbered chips linking to the source,
 * with a preview (title, snippet) shown on hover and focus; a marker with no such source stays plain
 * text, never a broken link. It runs after rehype-sanitize, like KaTeX: the elements are ours, built from
 * the sources the server sent, and only http(s) URLs become links (a `file://` source of the local index,
 * or anything else, is a chip without a link). Code and existing links are left alone.
 */
import { type CitationSegment, parseCitations } from "../../../src/protocol/citations";
import type { ChatMessage } from "../api/wire";

type Source = NonNullable<ChatMessage["sources"]>[number];

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
}

const SKIP = new Set(["code", "pre", "a", "script", "style"]);

export function rehypeCitations(options: { sources: readonly Source[] }) {
  return (tree: HastNode) => {
    if (options.sources.length === 0) return;
    walk(tree, options.sources);
  };
}

function walk(node: HastNode, sources: readonly Source[]): void {
  const children = node.children;
  if (children == null) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === "element") {
      if (!SKIP.has(child.tagName ?? "")) walk(child, sources);
      continue;
    }
    if (child.type !== "text" || child.value == null || !/citation/i.test(child.value)) continue;
    const segments = parseCitations(child.value, sources.length);
    if (!segments.some((s) => s.type === "citation")) continue;
    const replacement = segments.map((segment) => toNode(segment, sources));
    children.splice(i, 1, ...replacement);
    i += replacement.length - 1;
  }
}

function text(value: string): HastNode {
  return { type: "text", value };
}

function el(tagName: string, properties: Record<string, unknown>, children: HastNode[]): HastNode {
  return { type: "element", tagName, properties, children };
}

function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

function toNode(segment: CitationSegment, sources: readonly Source[]): HastNode {
  if (segment.type !== "citation") return text(segment.text);
  const source = sources[segment.index - 1];
  if (source == null) return text(segment.text);
  const label = String(segment.index);
  const chip = isWebUrl(source.url)
    ? el(
        "a",
        {
          className: ["citation-chip"],
          href: source.url,
          target: "_blank",
          rel: "noopener noreferrer",
          dataCitation: label,
          ariaLabel: `Source ${label}: ${source.title}`,
        },
        [text(label)],
      )
    : el(
        "span",
        {
          className: ["citation-chip"],
          tabIndex: 0,
          dataCitation: label,
          ariaLabel: `Source ${label}: ${source.title}`,
        },
        [text(label)],
      );
  return el("span", { className: ["citation"] }, [
    chip,
    el("span", { className: ["citation-preview"], role: "tooltip" }, [
      el("strong", {}, [text(source.title)]),
      el("span", { className: ["citation-url"] }, [text(source.url)]),
      ...(source.snippet !== ""
        ? [el("span", { className: ["citation-snippet"] }, [text(source.snippet)])]
        : []),
    ]),
  ]);
}
