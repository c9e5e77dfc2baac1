/**
 * The progress of a long run on stderr: samples done of total, the running score, tokens/s and an ETA.
 * On a TTY a cli-progress bar redrawn in place (as the download bar in cli/progress-bar.ts); elsewhere a
 * plain line every 5% or 10 s, so CI logs stay short. Samples, not bytes: the download reporter's
 * formatting is byte-specific, so this shares only its duration format.
 */
import { SingleBar } from "cli-progress";
import { formatDuration, type ProgressStream } from "../../cli/progress-bar.js";
import type { RunProgress } from "./run-benchmark.js";

export interface RunProgressReporter {
  update(progress: RunProgress): void;
  stop(): void;
}

export function describeProgress(progress: RunProgress): {
  score: string;
  speed: string;
  eta: string;
} {
  const score = progress.graded > 0 ? `${((100 * progress.correct) / progress.graded).toFixed(1)}%` : "-";
  const seconds = progress.elapsedMs / 1000;
  const speed =
    seconds > 0 && progress.completionTokens > 0 ? `${Math.round(progress.completionTokens / seconds)}` : "-";
  const remaining = progress.total - progress.done - progress.failed;
  const eta =
    progress.generated > 0 && remaining > 0
      ? formatDuration((remaining * seconds) / progress.generated)
      : remaining <= 0
        ? "0s"
        : "-";
  return { score, speed, eta };
}

export function formatRunProgressLine(label: string, progress: RunProgress): string {
  const { score, speed, eta } = describeProgress(progress);
  const percent = progress.total > 0 ? Math.floor((100 * progress.done) / progress.total) : 100;
  const failed = progress.failed > 0 ? `, ${progress.failed} failed` : "";
  return `${label}: ${progress.done}/${progress.total} samples (${percent}%${failed}), score ${score}, ${speed} tok/s, ETA ${eta}`;
}

export function createRunProgressReporter(
  stream: ProgressStream,
  label: string,
  options: { now?: () => number; intervalMs?: number } = {},
): RunProgressReporter {
  if (stream.isTTY === true) return barReporter(stream, label);
  const now = options.now ?? Date.now;
  const interval = options.intervalMs ?? 10_000;
  let lastAt: number | undefined;
  let lastStep = -1;
  let last: RunProgress | undefined;
  let printed = "";
  const keyOf = (p: RunProgress) => `${p.done}/${p.failed}/${p.graded}`;
  return {
    update(progress) {
      last = progress;
      const step = progress.total > 0 ? Math.floor((20 * progress.done) / progress.total) : 20;
      const at = now();
      if (lastAt == null || step > lastStep || at - lastAt >= interval) {
        lastAt = at;
        lastStep = Math.max(lastStep, step);
        stream.write(`${formatRunProgressLine(label, progress)}\n`);
        printed = keyOf(progress);
      }
    },
    stop() {
      if (last != null && keyOf(last) !== printed) stream.write(`${formatRunProgressLine(label, last)}\n`);
    },
  };
}

function barReporter(stream: ProgressStream, label: string): RunProgressReporter {
  const bar = new SingleBar({
    stream: stream as NodeJS.WritableStream,
    format: "{label} [{bar}] {value}/{total} | score {score} | {speed} tok/s | ETA {etaText}",
    barsize: 24,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    clearOnComplete: false,
    fps: 5,
  });
  let started = false;
  return {
    update(progress) {
      const payload = { label, ...describeProgress(progress), etaText: describeProgress(progress).eta };
      if (!started) {
        bar.start(progress.total, progress.done, payload);
        started = true;
      } else {
        bar.update(progress.done, payload);
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
