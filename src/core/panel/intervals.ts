/**
 * Weighted shares and their 95 % intervals: Wilson's score interval computed on Kish's
 * effective sample size n_eff = (Σw)² / Σw², so that unequal weights widen the interval as a
 * smaller simple random sample would.
 */

/** The 97.5 % point of the standard normal distribution. */
export const Z95 = 1.959963984540054;

/** Kish's effective sample size; 0 without weight. */
export function kishEffectiveN(weights: readonly number[]): number {
  let s = 0;
  let s2 = 0;
  for (const w of weights) {
    s += w;
    s2 += w * w;
  }
  return s2 === 0 ? 0 : (s * s) / s2;
}

/** Wilson's score interval for a share p observed on n (here n_eff) units; null when n is 0. */
export function wilsonInterval(p: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}
