/**
 * Brace-aware scanning of LaTeX strings: the few primitives every extraction and normalisation step
 * needs. Regexes cannot match nested braces, and answers nest (`\boxed{\frac{1}{\sqrt{2}}}`).
 */

/** Index just past the `}` that closes the `{` at `open`, or -1 when the group never closes. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "\\") {
      i++; // `\{` and `\}` are literal braces, not grouping
      continue;
    }
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}

/**
 * One macro argument starting at `at` (spaces skipped): a `{…}` group (returned without its braces),
 * a control word (`\pi`), or a single character. Null at the end of the text or on an unclosed group.
 */
export function readArgument(text: string, at: number): { value: string; end: number } | null {
  let i = at;
  while (text[i] === " ") i++;
  const c = text[i];
  if (c == null) return null;
  if (c === "{") {
    const end = closingBrace(text, i);
    return end < 0 ? null : { value: text.slice(i + 1, end - 1), end };
  }
  if (c === "\\") {
    const word = /^\\(?:[a-zA-Z]+|.)/.exec(text.slice(i));
    if (word == null) return null;
    return { value: word[0], end: i + word[0].length };
  }
  return { value: c, end: i + 1 };
}

/**
 * Replace every `\name{arg}` (any of `names`, brace-matched, nested ones too) by `replace(arg)`.
 * A command followed by no brace group is left alone.
 */
export function replaceCommand(
  text: string,
  names: readonly string[],
  replace: (arg: string) => string,
): string {
  const pattern = new RegExp(`\\\\(?:${names.join("|")})(?![a-zA-Z])\\s*\\{`, "g");
  let out = text;
  for (let guard = 0; guard < 100; guard++) {
    pattern.lastIndex = 0;
    const match = pattern.exec(out);
    if (match == null) return out;
    const open = match.index + match[0].length - 1;
    const end = closingBrace(out, open);
    if (end < 0) return out;
    out = out.slice(0, match.index) + replace(out.slice(open + 1, end - 1)) + out.slice(end);
  }
  return out;
}

/**
 * Split at `separator` where it is not nested inside any bracket: `()`, `[]`, `{}` are all counted
 * alike, because intervals mix them (`[0,1)`); `\{…\}` counts through its braces.
 */
export function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (depth === 0 && text.startsWith(separator, i)) {
      parts.push(text.slice(start, i));
      start = i + separator.length;
      i = start - 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** True when the bracket opening at index 0 is the one that closes at the last character. */
export function wrapsWhole(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") {
      depth--;
      if (depth === 0) return i === text.length - 1;
    }
  }
  return false;
}
