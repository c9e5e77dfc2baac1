import { closingBrace } from "./latex-groups.js";

const BOXED = /\\(?:boxed|fbox)(?![a-zA-Z])/g;

/**
 * The content of the last `\boxed{…}` / `\fbox{…}` (nested braces matched), or of `\boxed 42` (the
 * space form, which ends at a `$` or the end of the line). A box that never closes — the response was
 * cut off inside it — is skipped in favour of an earlier, complete one. Null when there is none.
 *
 * Only the last box counts: R1 often boxes intermediate results while checking its work, and the final
 * answer comes last. `\boxed{\boxed{5}}` unwraps to `5`.
 */
export function lastBoxed(text: string): string | null {
  const starts = [...text.matchAll(BOXED)].map((m) => ({ at: m.index, end: m.index + m[0].length }));
  for (let k = starts.length - 1; k >= 0; k--) {
    const start = starts[k];
    if (start == null) continue;
    const content = boxContent(text, start.end);
    if (content != null) {
      const inner = content.trim();
      return /^\\(?:boxed|fbox)(?![a-zA-Z])/.test(inner) ? (lastBoxed(inner) ?? inner) : inner;
    }
  }
  return null;
}

function boxContent(text: string, after: number): string | null {
  let i = after;
  while (text[i] === " " || text[i] === "\t") i++;
  if (text[i] === "{") {
    const end = closingBrace(text, i);
    return end < 0 ? null : text.slice(i + 1, end - 1);
  }
  if (i === after) return null; // `\boxedx`: not the command
  const rest = /^[^$\n]*/.exec(text.slice(i))?.[0] ?? "";
  return rest.trim() === "" ? null : rest;
}
