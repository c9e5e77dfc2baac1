/**
 * Just enough of the Prometheus text exposition format (version 0.0.4) for our handful of metrics:
 * counters and histograms with labels, and gauges read at scrape time. No dependency needed for that.
 */

type Labels = Record<string, string>;

interface Metric {
  render(): string;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');

function labelText(labels: Labels, extra?: Labels): string {
  const all = { ...labels, ...extra };
  const keys = Object.keys(all);
  if (keys.length === 0) return "";
  return `{${keys.map((k) => `${k}="${escapeLabel(all[k] ?? "")}"`).join(",")}}`;
}

const header = (name: string, help: string, type: string) =>
  `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;

export class Counter implements Metric {
  private readonly values = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}

  inc(labels: Labels = {}, by = 1): void {
    const key = labelText(labels);
    const entry = this.values.get(key);
    if (entry != null) entry.value += by;
    else this.values.set(key, { labels, value: by });
  }

  render(): string {
    let out = header(this.name, this.help, "counter");
    if (this.values.size === 0) out += `${this.name} 0\n`;
    for (const { labels, value } of this.values.values())
      out += `${this.name}${labelText(labels)} ${value}\n`;
    return out;
  }
}

export class Histogram implements Metric {
  private readonly counts: number[];
  private sum = 0;
  private count = 0;
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
  ) {
    this.counts = buckets.map(() => 0);
  }

  observe(value: number): void {
    this.sum += value;
    this.count += 1;
    this.buckets.forEach((bound, i) => {
      if (value <= bound) this.counts[i] = (this.counts[i] ?? 0) + 1;
    });
  }

  render(): string {
    let out = header(this.name, this.help, "histogram");
    this.buckets.forEach((bound, i) => {
      out += `${this.name}_bucket${labelText({ le: String(bound) })} ${this.counts[i] ?? 0}\n`;
    });
    out += `${this.name}_bucket{le="+Inf"} ${this.count}\n`;
    out += `${this.name}_sum ${this.sum}\n${this.name}_count ${this.count}\n`;
    return out;
  }
}

/** A value read when scraped (queue depth, busy slots): nothing to keep in sync. */
export class Gauge implements Metric {
  constructor(
    readonly name: string,
    readonly help: string,
    private readonly read: () => number,
  ) {}

  render(): string {
    return `${header(this.name, this.help, "gauge")}${this.name} ${this.read()}\n`;
  }
}

export function renderMetrics(metrics: readonly Metric[]): string {
  return metrics.map((m) => m.render()).join("");
}

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
