/**
 * `[citation:X]` markers in an answer, as the README's search templates ask the model to write them,
 * split out of the text for the edges: the web app turns `citation` segments into numbered chips, the
 * API reports which sources were cited. A marker whose number has no source (the model invented it, or
 * the sources were cut) is an `unmatched` segment, to be shown as the plain text it is, never a link.
 *
 * Accepted spellings (what R1 writes in practice): `[citation:3]`, spaces inside (`[citation: 3]`), the
 * full-width colon (`[citation：3]`), any letter case, Lepton's double brackets (`[[citation:3]]`), and
 * lists (`[citation:3,5]`, `[citation:3, 5]`, `[citation:3、5]`), which become one segment per number.
 */

export type CitationSegment =
  | { type: "text"; text: string }
  /** `text` is the marker as written; each number of a list gets its own `[citation:N]`. */
  | { type: "citation"; index: number; text: string }
  /** A number with no source: render `text` as plain text. */
  | { type: "unmatched"; index: number; text: string };

const NUMBERS = String.raw`\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*`;
const MARKER = new RegExp(String.raw`\[\[citation[:：]${NUMBERS}\]\]|\[citation[:：]${NUMBERS}\]`, "gi");

/** Split `text` into plain text and citation markers. Sources are numbered 1..sourceCount. */
export function parseCitations(text: string, sourceCount: number): CitationSegment[] {
  const segments: CitationSegment[] = [];
  const pushText = (chunk: string) => {
    if (chunk === "") return;
    const last = segments.at(-1);
    if (last?.type === "text") last.text += chunk;
    else segments.push({ type: "text", text: chunk });
  };
  let at = 0;
  for (const match of text.matchAll(MARKER)) {
    const start = match.index ?? 0;
    pushText(text.slice(at, start));
    const list = match[1] ?? match[2] ?? "";
    const indices = list.split(/[,，、]/).map((n) => Number(n.trim()));
    const single = indices.length === 1;
    for (const index of indices) {
      // A list is shown number by number, so each piece of it gets its own canonical text.
      const marker = single ? match[0] : `[citation:${index}]`;
      const matched = Number.isSafeInteger(index) && index >= 1 && index <= sourceCount;
      segments.push({ type: matched ? "citation" : "unmatched", index, text: marker });
    }
    at = start + match[0].length;
  }
  pushText(text.slice(at));
  return segments;
}

/** The source numbers an answer actually cites, ascending, each once. */
export function citedIndices(segments: readonly CitationSegment[]): number[] {
  const cited = new Set<number>();
  for (const segment of segments) if (segment.type === "citation") cited.add(segment.index);
  return [...cited].sort((a, b) => a - b);
}
