/**
 * Provider snippets to plain text. Brave marks query terms with `<strong>`, others leave entities
 * (`&amp;`, `&#39;`) in place; the model and the sources panel want neither.
 */
const NAMED: Readonly<Record<string, string>> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  hellip: "…",
  mdash: "—",
  ndash: "–",
};

function codePoint(n: number): string {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && (n < 0xd800 || n > 0xdfff)
    ? String.fromCodePoint(n)
    : "\uFFFD";
}

export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
      if (entity[0] === "#") {
        const hex = entity[1] === "x" || entity[1] === "X";
        return codePoint(Number.parseInt(entity.slice(hex ? 2 : 1), hex ? 16 : 10));
      }
      const name = entity.toLowerCase();
      return Object.hasOwn(NAMED, name) ? (NAMED[name] ?? whole) : whole;
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** Only http(s) URLs are results; a provider (or a poisoned index) may hand back anything. */
export function isWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}

/**
 * A provider's date as ISO 8601 when it can be read (Tavily sends RFC 1123, `Mon, 20 Jan 2025 …`);
 * undefined when empty or unreadable, so no odd string reaches the prompt.
 */
export function isoDate(value: string | null | undefined): string | undefined {
  const text = value?.trim();
  if (text == null || text === "") return undefined;
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return text;
  const time = Date.parse(text);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** `{ publishedDate }` when there is one, `{}` otherwise (optional fields stay absent, not undefined). */
export function withDate(publishedDate: string | undefined): { publishedDate?: string } {
  return publishedDate != null ? { publishedDate } : {};
}

/** A result's title as plain text, or its URL when it has none (so the sources panel never shows a blank). */
export function titleOr(title: string | null | undefined, url: string): string {
  const text = plainText(title ?? "");
  return text === "" ? url : text;
}
