/**
 * Documents into passages for the local index. A passage is what BM25 ranks and what the model reads
 * as one `[webpage]`, so it should hold one topic: paragraphs are kept whole and packed up to
 * `maxChars` (~300–400 tokens by default); a paragraph longer than that is split at sentence ends,
 * then at spaces, then anywhere.
 */

export const DEFAULT_CHUNK_CHARS = 1500;

function splitLong(paragraph: string, maxChars: number): string[] {
  const pieces: string[] = [];
  let rest = paragraph;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    // The last sentence end (Latin or CJK punctuation) or line break in the second half of the window.
    const sentence = Math.max(
      ...[". ", "! ", "? ", "。", "！", "？", "\n"].map((mark) => {
        const at = window.lastIndexOf(mark);
        return at >= maxChars / 2 ? at + mark.length : -1;
      }),
    );
    const space = window.lastIndexOf(" ");
    const cut = sentence > 0 ? sentence : space >= maxChars / 2 ? space + 1 : maxChars;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut);
  }
  if (rest.trim() !== "") pieces.push(rest.trim());
  return pieces;
}

export function chunkText(text: string, maxChars: number = DEFAULT_CHUNK_CHARS): string[] {
  const paragraphs = text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .flatMap((p) => (p.length > maxChars ? splitLong(p, maxChars) : [p]));
  const chunks: string[] = [];
  let current = "";
  for (const paragraph of paragraphs) {
    if (current !== "" && current.length + 2 + paragraph.length > maxChars) {
      chunks.push(current);
      current = "";
    }
    current = current === "" ? paragraph : `${current}\n\n${paragraph}`;
  }
  if (current !== "") chunks.push(current);
  return chunks;
}
