/**
 * Order statistics on sorted arrays. Quartiles use linear interpolation between order
 * statistics (Hyndman & Fan type 7: R's default, Excel's QUARTILE.INC), so a reader can
 * check any figure in a spreadsheet.
 */

/** The p-quantile (0 ≤ p ≤ 1) of ascending `sorted`; null when empty. */
export function quantile(sorted: ArrayLike<number>, p: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** Number of values < x and ≤ x in ascending `sorted` (binary search). */
function bounds(sorted: ArrayLike<number>, x: number): { below: number; upTo: number } {
  const search = (strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (strict ? sorted[mid]! < x : sorted[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return { below: search(true), upTo: search(false) };
}

/**
 * Percentile rank of x in the group (0–100): the share of the group below x, counting ties
 * as half (the "mid-rank" definition, so equal values get equal percentiles).
 */
export function percentileRank(sorted: ArrayLike<number>, x: number): number | null {
  if (sorted.length === 0) return null;
  const { below, upTo } = bounds(sorted, x);
  return ((below + (upTo - below) / 2) / sorted.length) * 100;
}

/**
 * A band for a value on a scale: the cell of a grid of `step` that holds it. Small groups
 * show bands instead of exact quantiles, so no published number is a member's own value.
 */
export function band(value: number, step: number, lower?: number, upper?: number): [number, number] {
  let lo = Math.floor(value / step + 1e-9) * step;
  let hi = lo + step;
  if (lower !== undefined && lo < lower) lo = lower;
  if (upper !== undefined && hi > upper) hi = upper;
  if (upper !== undefined && lo >= upper) lo = upper - step;
  return [Number(lo.toPrecision(12)), Number(hi.toPrecision(12))];
}

/** A readable grid step for a range: about a tenth of it, rounded to 1, 2, 2.5 or 5 × 10ⁿ. */
export function bandStep(min: number, max: number): number {
  const raw = (max - min) / 10;
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const nice = [1, 2, 2.5, 5, 10].find((f) => f * power >= raw - 1e-12)!;
  return nice * power;
}

/** The quarter of the group a percentile falls in: 0 = lowest quarter … 3 = highest. */
export function quarterOf(percentile: number): 0 | 1 | 2 | 3 {
  return Math.min(3, Math.max(0, Math.floor(percentile / 25))) as 0 | 1 | 2 | 3;
}
