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
