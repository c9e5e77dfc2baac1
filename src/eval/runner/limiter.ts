/**
 * At most `concurrency` tasks at once, the rest queued in order. Grading runs through one of these, apart
 * from generation, so a slow grader (LiveCodeBench runs programs for seconds) never leaves a generation
 * slot, and the GPU behind it, idle.
 */
export type Limiter = <T>(task: () => Promise<T>) => Promise<T>;

export function createLimiter(concurrency: number): Limiter {
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (active >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
