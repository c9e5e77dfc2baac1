/**
 * Two small inline-SVG charts for the HTML report, drawn here so the report is one self-contained file
 * with no script libraries: pass@1 against the number of samples used (how the estimate settles), and a
 * histogram of completion lengths split into correct and wrong samples.
 */
const W = 420;
const H = 220;
const PAD = { left: 44, right: 12, top: 12, bottom: 32 };

export function accuracyChart(series: readonly number[], title: string): string {
  if (series.length === 0) return `<p class="muted">${esc(title)}: needs every problem's samples.</p>`;
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (series.length === 1 ? innerW / 2 : (i / (series.length - 1)) * innerW);
  const y = (v: number) => PAD.top + (1 - v) * innerH;
  const points = series.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(" ");
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map(
      (v) =>
        `<line x1="${PAD.left}" x2="${W - PAD.right}" y1="${y(v)}" y2="${y(v)}" class="grid"/>` +
        `<text x="${PAD.left - 6}" y="${y(v) + 4}" text-anchor="end">${Math.round(v * 100)}%</text>`,
    )
    .join("");
  const dots =
    series.length <= 64 ? series.map((v, i) => `<circle cx="${x(i)}" cy="${y(v)}" r="2.5"/>`).join("") : "";
  return svg(
    title,
    `${grid}<polyline points="${points}" class="line"/>${dots}` +
      `<text x="${PAD.left}" y="${H - 8}">1</text><text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${series.length} samples</text>`,
  );
}

export function lengthHistogram(
  lengths: ReadonlyArray<{ tokens: number; correct: boolean }>,
  title: string,
  bins = 20,
): string {
  if (lengths.length === 0) return `<p class="muted">${esc(title)}: no token counts.</p>`;
  const min = Math.min(...lengths.map((l) => l.tokens));
  const max = Math.max(...lengths.map((l) => l.tokens));
  // Equal lengths (a scripted model, a tiny run) make one bar instead of an empty axis.
  const count = max > min ? bins : 1;
  const width = (max - min) / count || 1;
  const counts = Array.from({ length: count }, () => ({ right: 0, wrong: 0 }));
  for (const l of lengths) {
    const bin = counts[Math.min(count - 1, Math.floor((l.tokens - min) / width))]!;
    if (l.correct) bin.right++;
    else bin.wrong++;
  }
  const top = Math.max(1, ...counts.map((c) => c.right + c.wrong));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const barW = innerW / count;
  const bars = counts
    .map((c, i) => {
      const x = round(PAD.left + i * barW);
      const hRight = round((c.right / top) * innerH);
      const hWrong = round((c.wrong / top) * innerH);
      const base = PAD.top + innerH;
      return (
        `<rect x="${x + 1}" y="${round(base - hRight)}" width="${round(barW - 2)}" height="${hRight}" class="right"><title>${c.right} correct</title></rect>` +
        `<rect x="${x + 1}" y="${round(base - hRight - hWrong)}" width="${round(barW - 2)}" height="${hWrong}" class="wrong"><title>${c.wrong} wrong</title></rect>`
      );
    })
    .join("");
  return svg(
    title,
    `${bars}<text x="${PAD.left}" y="${H - 8}">${Math.round(min)}</text>` +
      `<text x="${W - PAD.right}" y="${H - 8}" text-anchor="end">${Math.round(max)} tokens</text>` +
      `<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${top}</text>`,
  );
}

function svg(title: string, body: string): string {
  return (
    `<figure><figcaption>${esc(title)}</figcaption>` +
    `<svg viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(title)}">${body}</svg></figure>`
  );
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
