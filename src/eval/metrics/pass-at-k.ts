/**
 * The unbiased pass@k estimator (Chen et al. 2021, as openai/human-eval, LiveCodeBench and lighteval
 * compute it): with n samples of which c are correct, 1 − C(n−c, k)/C(n, k), as the numerically stable
 * product 1 − Π_{i=n−c+1..n} (1 − k/i). For k = 1 it is c/n, DeepSeek's pass@1.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (
    !Number.isInteger(n) ||
    !Number.isInteger(c) ||
    !Number.isInteger(k) ||
    k < 1 ||
    c < 0 ||
    c > n ||
    k > n
  ) {
    throw new RangeError(`pass@k needs whole numbers 0 ≤ c ≤ n and 1 ≤ k ≤ n; got n=${n}, c=${c}, k=${k}.`);
  }
  if (n - c < k) return 1;
  // Exactly c/n (the product form drifts in the last bit), so pass@1 is DeepSeek's mean to the digit.
  if (k === 1) return c / n;
  let missAll = 1;
  for (let i = n - c + 1; i <= n; i++) missAll *= 1 - k / i;
  return 1 - missAll;
}

/** The k values reported for n samples: powers of two up to n, and n itself. */
export function reportedKs(n: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k <= n; k *= 2) ks.push(k);
  if (ks[ks.length - 1] !== n && n >= 1) ks.push(n);
  return ks;
}
