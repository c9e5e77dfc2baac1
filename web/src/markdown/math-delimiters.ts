/**
 * R1 writes LaTeX between `\( \)` and `\[ \]`; remark-math reads `$ $` and `$$ $$`. In Markdown a
 * backslash before a bracket is an escape, so these must be rewritten before parsing — and never inside
 * code, where they are literal text. Display math goes on its own lines so remark-math renders it as a
 * block.
 */

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})/;

export function normalizeMathDelimiters(markdown: string): string {
  if (!markdown.includes("\\(") && !markdown.includes("\\[")) return markdown;
  const out: string[] = [];
  let prose: string[] = [];
  let fence: string | null = null;
  const flush = () => {
    if (prose.length > 0) out.push(convertProse(prose.join("\n")));
    prose = [];
  };
  for (const line of markdown.split("\n")) {
    if (fence == null) {
      const opens = FENCE_LINE.exec(line);
      if (opens != null) {
        flush();
        fence = opens[1]!;
        out.push(line);
      } else prose.push(line);
    } else {
      out.push(line);
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
    }
  }
  flush();
  return out.join("\n");
}

/** Outside fences: skip inline code spans, convert the delimiters everywhere else. */
function convertProse(text: string): string {
  return text.replace(
    /(`+)[\s\S]*?\1|\\\[([\s\S]*?)\\\]|\\\(([\s\S]*?)\\\)/g,
    (match, code: string | undefined, display: string | undefined, inline: string | undefined) => {
      if (code != null) return match;
      if (display != null) return `\n$$\n${display.trim()}\n$$\n`;
      return `$${(inline ?? "").trim()}$`;
    },
  );
}
