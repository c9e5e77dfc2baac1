/**
 * Speed and ETA of a transfer, over a sliding window so that the figure follows the link as it is now
 * (a resumed download does not count the bytes it already had as speed).
 */

export interface TransferMeter {
  /** Record `bytes` received now. */
  add(bytes: number): void;
  /** Bytes per second over the window (0 until two samples are apart in time). */
  bytesPerSecond(): number;
  /** Seconds left for `remaining` bytes at the current speed, or undefined when unknown. */
  etaSeconds(remaining: number | undefined): number | undefined;
}

export function createTransferMeter(now: () => number = Date.now, windowMs = 5000): TransferMeter {
  const samples: { at: number; bytes: number }[] = [];
  const started = now();
  return {
    add(bytes) {
      const at = now();
      samples.push({ at, bytes });
      while (samples.length > 1 && (samples[0]?.at ?? at) < at - windowMs) samples.shift();
    },
    bytesPerSecond() {
      const at = now();
      const recent = samples.filter((sample) => sample.at >= at - windowMs);
      const bytes = recent.reduce((sum, sample) => sum + sample.bytes, 0);
      // Until the window is full, divide by the time since the start instead.
      const since = Math.max(at - Math.max(started, at - windowMs), 1);
      return bytes === 0 ? 0 : (bytes * 1000) / since;
    },
    etaSeconds(remaining) {
      const speed = this.bytesPerSecond();
      if (remaining == null || speed <= 0) return undefined;
      return Math.max(0, remaining / speed);
    },
  };
}
