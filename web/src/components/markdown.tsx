/**
 * Model output as Markdown: GFM tables, highlighted code with a copy button, KaTeX maths (R1's `\( \)`
 * and `\[ \]` too), sanitised. The text is cut into blocks and each finished block is a memoised
 * component, so while an answer streams only its last block is parsed again; the split itself resumes
 * where the last finished block ended.
 */
import { memo, useMemo, useRef } from "react";
import ReactMarkdown, { type Components } from "react-markdown";
import rehypeHighlight from "rehype-highlight";
import rehypeKatex from "rehype-katex";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import type { ChatMessage } from "../api/wire";
import { normalizeMathDelimiters } from "../markdown/math-delimiters";
import { rehypeRawAsText } from "../markdown/raw-html-as-text";
import { rehypeCitations } from "../markdown/rehype-citations";
import { sanitizeSchema } from "../markdown/sanitize-schema";
import { splitBlocks } from "../markdown/split-blocks";
import { CodeBlock } from "./code-block";

const remarkPlugins = [remarkGfm, remarkMath];
// HTML in the answer becomes text, then everything is sanitised; KaTeX and highlight.js run last, as
// their output is ours and the model's is not.
const rehypePlugins = [
  rehypeRawAsText,
  [rehypeSanitize, sanitizeSchema],
  [rehypeKatex, { throwOnError: false, strict: "ignore", trust: false }],
  [rehypeHighlight, { detect: false }],
] as const;
type Sources = NonNullable<ChatMessage["sources"]>;
type RehypePlugins = NonNullable<React.ComponentProps<typeof ReactMarkdown>["rehypePlugins"]>;
const NO_SOURCES: Sources = [];

/** Citations run after sanitising (their elements are ours, built from the server's sources). */
function pluginsFor(sources: Sources): RehypePlugins {
  const base = rehypePlugins as unknown as RehypePlugins;
  return sources.length === 0 ? base : [...base, [rehypeCitations, { sources }]];
}
const BASE_PLUGINS = pluginsFor(NO_SOURCES);

const components: Components = { pre: CodeBlock, a: SafeLink };

function SafeLink(props: React.ComponentProps<"a">) {
  const { node: _node, ...rest } = props as React.ComponentProps<"a"> & { node?: unknown };
  return <a {...rest} target="_blank" rel="noopener noreferrer nofollow" />;
}

// Memoised on the block's text and the plugin list; the list only changes when the sources do.
const Block = memo(function Block({ source, plugins }: { source: string; plugins: RehypePlugins }) {
  return (
    <ReactMarkdown remarkPlugins={remarkPlugins} rehypePlugins={plugins} components={components}>
      {normalizeMathDelimiters(source)}
    </ReactMarkdown>
  );
});

interface SplitCache {
  text: string;
  blocks: string[];
  tailStart: number;
}

/** Blocks of `text`, reusing the previous split when `text` only grew. */
function useBlocks(text: string): string[] {
  const cache = useRef<SplitCache>({ text: "", blocks: [], tailStart: 0 });
  const previous = cache.current;
  if (previous.text !== text) {
    const grew = text.startsWith(previous.text.slice(0, previous.tailStart));
    const base = grew ? previous : { text: "", blocks: [], tailStart: 0 };
    const next = splitBlocks(text, base.tailStart);
    cache.current = { text, blocks: [...base.blocks, ...next.blocks], tailStart: next.tailStart };
  }
  const { blocks, tailStart } = cache.current;
  const tail = text.slice(tailStart);
  return tail.trim() !== "" ? [...blocks, tail] : blocks;
}

export function Markdown({
  text,
  className,
  sources,
}: {
  text: string;
  className?: string;
  /** Web search sources: `[citation:N]` markers become chips linking to them. */
  sources?: Sources | null;
}) {
  const blocks = useBlocks(text);
  // Keyed on the content, not the array's identity: a re-fetched message must not re-render every block.
  const sourcesKey = sources != null && sources.length > 0 ? JSON.stringify(sources) : "";
  // biome-ignore lint/correctness/useExhaustiveDependencies: sourcesKey stands for sources
  const plugins = useMemo(
    () => (sourcesKey === "" ? BASE_PLUGINS : pluginsFor(sources ?? NO_SOURCES)),
    [sourcesKey],
  );
  return (
    <div className={`markdown${className != null ? ` ${className}` : ""}`}>
      {blocks.map((source, index) => (
        // Blocks only ever append, so an index is a stable key.
        // biome-ignore lint/suspicious/noArrayIndexKey: see above
        <Block key={index} source={source} plugins={plugins} />
      ))}
    </div>
  );
}
