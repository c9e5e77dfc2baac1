/** Markdown tables for benchmark output: readable in a terminal, pasteable into docs as is. */

export type Cell = string | number;

export function markdownTable(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = [header, ...rows].map((row) => row.map((cell) => String(cell)));
  const widths = header.map((_, col) => Math.max(3, ...text.map((row) => row[col]?.length ?? 0)));
  const line = (row: readonly string[]) =>
    `| ${widths.map((width, col) => (row[col] ?? "").padEnd(width)).join(" | ")} |`;
  const rule = `| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`;
  const [head, ...body] = text;
  return [line(head!), rule, ...body.map(line)].join("\n");
}

/** A number with fixed decimals, or an en dash when there is none. */
export function fixed(value: number | undefined, digits = 1): string {
  return value != null && Number.isFinite(value) ? value.toFixed(digits) : "–";
}

export function percent(fraction: number | undefined): string {
  return fraction != null && Number.isFinite(fraction) ? `${(fraction * 100).toFixed(0)} %` : "–";
}
