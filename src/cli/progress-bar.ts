/**
 * Progress for long CLI operations (downloads, and anything else that counts bytes or items). On a TTY:
 * a cli-progress bar redrawn in place. Elsewhere (CI logs, pipes): a plain line every `percentStep`
 * percent or `intervalMs`, whichever comes first, e.g.
 *
 *   downloading r1-distill-qwen-1.5b: 45% (500 MB / 1.1 GB, 12 MB/s, ETA 50s)
 */
import { SingleBar } from "cli-progress";

/** The part of a writable stream progress needs; `isTTY` picks the bar. */
export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressSnapshot {
  done: number;
  total: number | undefined;
  bytesPerSecond?: number;
  etaSeconds?: number | undefined;
  /** Extra text after the label, e.g. `part 2/3`. */
  detail?: string;
}

export interface ProgressReporter {
  update(snapshot: ProgressSnapshot): void;
  /** End the bar (or print the last line). */
  stop(): void;
}

export interface ProgressReporterOptions {
  stream: ProgressStream;
  /** What is in progress, e.g. `downloading r1-distill-qwen-1.5b`. */
  label: string;
  now?: () => number;
  /** Plain mode: the most time between two lines (default 2000 ms). */
  intervalMs?: number;
  /** Plain mode: print at every multiple of this percentage (default 5). */
  percentStep?: number;
}

/** Decimal units, as the Hugging Face Hub shows file sizes: `1.1 GB`, `500 MB`. */
export function formatBytes(bytes: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, "")} ${units[unit]}`;
}

/** `50s`, `3m 20s`, `2h 05m`. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  if (total < 60) return `${total}s`;
  if (total < 3600) return `${Math.floor(total / 60)}m ${String(total % 60).padStart(2, "0")}s`;
  return `${Math.floor(total / 3600)}h ${String(Math.floor((total % 3600) / 60)).padStart(2, "0")}m`;
}

function percentOf(snapshot: ProgressSnapshot): number | undefined {
  if (snapshot.total == null || snapshot.total <= 0) return undefined;
  return Math.min(100, (snapshot.done / snapshot.total) * 100);
}

/** One plain progress line. */
export function formatProgressLine(label: string, snapshot: ProgressSnapshot): string {
  const percent = percentOf(snapshot);
  const amounts =
    snapshot.total != null
      ? `${formatBytes(snapshot.done)} / ${formatBytes(snapshot.total)}`
      : formatBytes(snapshot.done);
  const speed =
    snapshot.bytesPerSecond != null && snapshot.bytesPerSecond > 0
      ? `, ${formatBytes(snapshot.bytesPerSecond)}/s`
      : "";
  const eta = snapshot.etaSeconds != null ? `, ETA ${formatDuration(snapshot.etaSeconds)}` : "";
  const head = snapshot.detail != null ? `${label} ${snapshot.detail}` : label;
  return `${head}: ${percent != null ? `${Math.floor(percent)}% ` : ""}(${amounts}${speed}${eta})`;
}

function plainReporter(options: ProgressReporterOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const step = options.percentStep ?? 5;
  const interval = options.intervalMs ?? 2000;
  let lastAt: number | undefined;
  let lastStep = -1;
  let last: ProgressSnapshot | undefined;
  let printed: ProgressSnapshot | undefined;
  const print = (snapshot: ProgressSnapshot) => {
    options.stream.write(`${formatProgressLine(options.label, snapshot)}\n`);
    printed = snapshot;
  };
  return {
    update(snapshot) {
      last = snapshot;
      const percent = percentOf(snapshot);
      const stepNow = percent != null ? Math.floor(percent / step) : lastStep;
      const at = now();
      if (lastAt == null || stepNow > lastStep || at - lastAt >= interval) {
        lastAt = at;
        lastStep = Math.max(lastStep, stepNow);
        print(snapshot);
      }
    },
    stop() {
      if (last != null && last !== printed) print(last);
    },
  };
}

function barReporter(options: ProgressReporterOptions): ProgressReporter {
  const bar = new SingleBar({
    stream: options.stream as NodeJS.WritableStream,
    format: "{label} [{bar}] {percentage}% | {amounts} | {speedText} | ETA {etaText}",
    barsize: 24,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: false,
    fps: 10,
  });
  let started = false;
  const payload = (snapshot: ProgressSnapshot) => ({
    label: snapshot.detail != null ? `${options.label} ${snapshot.detail}` : options.label,
    amounts:
      snapshot.total != null
        ? `${formatBytes(snapshot.done)} / ${formatBytes(snapshot.total)}`
        : formatBytes(snapshot.done),
    speedText: snapshot.bytesPerSecond != null ? `${formatBytes(snapshot.bytesPerSecond)}/s` : "-",
    etaText: snapshot.etaSeconds != null ? formatDuration(snapshot.etaSeconds) : "-",
  });
  return {
    update(snapshot) {
      const total = snapshot.total ?? Math.max(snapshot.done, 1);
      if (!started) {
        bar.start(total, snapshot.done, payload(snapshot));
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(snapshot.done, payload(snapshot));
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

/** A bar on a TTY, periodic lines elsewhere. */
export function createProgressReporter(options: ProgressReporterOptions): ProgressReporter {
  return options.stream.isTTY === true ? barReporter(options) : plainReporter(options);
}
