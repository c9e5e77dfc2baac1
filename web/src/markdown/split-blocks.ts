/**
 * Splits Markdown into top-level blocks at blank lines, so a streaming answer re-parses only its last
 * block per frame while the finished ones stay rendered (memoised): the cost per token stays flat
 * instead of growing with the answer. A blank line splits only where it cannot change the meaning:
 * never inside a code fence or a `$$`/`\[` math block, and not before an indented line (a list item's
 * next paragraph, which belongs to the item above it).
 */

export interface SplitResult {
  /** Finished blocks, each with its own text (trailing blank lines dropped). */
  blocks: string[];
  /** Where the unfinished last block starts; scanning again from here gives the same result. */
  tailStart: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const MATH_OPEN = /^ {0,3}(\$\$|\\\[)\s*$/;

export function splitBlocks(text: string, from = 0): SplitResult {
  const blocks: string[] = [];
  let blockStart = from;
  let fence: string | null = null;
  let math: string | null = null;
  let blankAt = -1; // where the current run of blank lines starts, outside fences and math
  let pos = from;
  while (pos < text.length) {
    const end = text.indexOf("\n", pos);
    // The last line may still be growing: it can close a block only once its newline has arrived.
    if (end < 0) break;
    const line = text.slice(pos, end);
    if (fence != null) {
      if (line.trimStart().startsWith(fence) && line.trim().replace(/[`~]/g, "") === "") fence = null;
    } else if (math != null) {
      if (line.trim() === math) math = null;
    } else if (line.trim() === "") {
      if (blankAt < 0) blankAt = pos;
    } else {
      if (blankAt >= 0 && !/^\s/.test(line)) {
        const block = text.slice(blockStart, blankAt);
        if (block.trim() !== "") blocks.push(block);
        blockStart = pos;
      }
      blankAt = -1;
      const opens = FENCE.exec(line);
      if (opens != null) fence = opens[1]!;
      else if (MATH_OPEN.test(line)) math = line.trim() === "$$" ? "$$" : "\\]";
    }
    pos = end + 1;
  }
  // A growing last line after blank lines already starts a new block once its first character is in.
  if (
    fence == null &&
    math == null &&
    blankAt >= 0 &&
    pos < text.length &&
    !/^\s/.test(text.slice(pos, pos + 1))
  ) {
    const block = text.slice(blockStart, blankAt);
    if (block.trim() !== "") blocks.push(block);
    blockStart = pos;
  }
  return { blocks, tailStart: blockStart };
}
