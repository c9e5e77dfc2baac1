import assert from "node:assert/strict";
import { test } from "node:test";
import {
  createProgressReporter,
  formatBytes,
  formatDuration,
  formatProgressLine,
} from "../../src/cli/progress-bar.js";

function capture(isTTY: boolean) {
  return {
    text: "",
    isTTY,
    columns: 120,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

test("sizes in decimal units as the Hub shows them, durations short", () => {
  assert.equal(formatBytes(0), "0 B");
  assert.equal(formatBytes(999), "999 B");
  assert.equal(formatBytes(1_120_000_000), "1.1 GB");
  assert.equal(formatBytes(500_000_000), "500 MB");
  assert.equal(formatBytes(12_300_000), "12.3 MB");
  assert.equal(formatBytes(140_200_000_000), "140 GB");
  assert.equal(formatDuration(50.4), "50s");
  assert.equal(formatDuration(200), "3m 20s");
  assert.equal(formatDuration(7500), "2h 05m");
  assert.equal(
    formatProgressLine("downloading X", { done: 500e6, total: 1.1e9, bytesPerSecond: 12e6, etaSeconds: 50 }),
    "downloading X: 45% (500 MB / 1.1 GB, 12 MB/s, ETA 50s)",
  );
  assert.equal(formatProgressLine("downloading X", { done: 5e6, total: undefined }), "downloading X: (5 MB)");
});

test("without a TTY: a line per 5% step or per 2 s, and the last state at stop()", () => {
  const stream = capture(false);
  let now = 0;
  const reporter = createProgressReporter({ stream, label: "downloading X", now: () => now });
  for (let done = 0; done <= 1000; done += 10) {
    now += 5;
    reporter.update({ done, total: 1000 });
  }
  reporter.stop();
  const lines = stream.text.trim().split("\n");
  assert.equal(lines.length, 21);
  assert.equal(lines[0], "downloading X: 0% (0 B / 1 kB)");
  assert.equal(lines[1], "downloading X: 5% (50 B / 1 kB)");
  assert.equal(lines.at(-1), "downloading X: 100% (1 kB / 1 kB)");

  const slow = capture(false);
  now = 0;
  const slowReporter = createProgressReporter({ stream: slow, label: "x", now: () => now });
  for (let i = 0; i < 10; i++) {
    now += 1000;
    slowReporter.update({ done: i, total: 1_000_000 });
  }
  assert.equal(slow.text.trim().split("\n").length, 5);
});

test("on a TTY: a cli-progress bar with amounts, speed and ETA", () => {
  const stream = capture(true);
  const reporter = createProgressReporter({ stream, label: "downloading X" });
  reporter.update({ done: 0, total: 2e9, bytesPerSecond: 0 });
  reporter.update({ done: 1e9, total: 2e9, bytesPerSecond: 20e6, etaSeconds: 50, detail: "[part 1/2]" });
  reporter.stop();
  assert.match(
    stream.text,
    /downloading X \[part 1\/2\] \[[█░]+\] 50% \| 1 GB \/ 2 GB \| 20 MB\/s \| ETA 50s/,
  );
});
