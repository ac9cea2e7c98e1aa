/**
 * Rules for single published numbers, whatever else is published: quantiles that could be a
 * member's own value, sums that one large contributor dominates, an organisation's place.
 */
import type { ShownLeaf } from '../figures/assemble.ts';
import type { Range } from '../figures/plan.ts';
import { band, percentileRank, quantile, quarterOf } from '../figures/quantiles.ts';
import { roundShown } from '../figures/precision.ts';
import { DOMINANCE_P, exactQuantileMin, type DisclosurePolicy } from './policy.ts';

/**
 * Quartiles and median as they may be shown. Type-7 quantiles are often a member's exact value
 * (always the median of an odd group, and q1 and q3 whenever (n − 1)/4 is whole), and in a
 * small group that value belongs to one of a few. So exact figures come only from groups of at
 * least 3k, and even there only when none of the three reads, at the precision quartiles are
 * shown with (`decimals`), as a value that exactly one member has (a value several share says
 * nothing about any one of them); otherwise, from k up, the band the median lies in on the
 * value's scale; below k, nothing.
 */
export function shownQuantiles(
  sorted: ArrayLike<number>,
  policy: DisclosurePolicy,
  scale: Range,
  decimals: number,
): ShownLeaf {
  const n = sorted.length;
  if (n < policy.k) return { kind: 'quantiles', n: null, exact: null, band: null };
  const median = quantile(sorted, 0.5)!;
  if (n >= exactQuantileMin(policy)) {
    const exact = { q1: quantile(sorted, 0.25)!, median, q3: quantile(sorted, 0.75)! };
    if (!Object.values(exact).some((q) => heldByOne(sorted, q, decimals)))
      return { kind: 'quantiles', n, exact, band: null };
  }
  return { kind: 'quantiles', n, exact: null, band: band(median, scale.step, scale.min, scale.max) };
}

/** Whether exactly one member's value, shown at `decimals`, reads as `x` does. */
function heldByOne(sorted: ArrayLike<number>, x: number, decimals: number): boolean {
  const target = roundShown(x, decimals);
  const first = (strict: boolean) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const v = roundShown(sorted[mid]!, decimals);
      if (strict ? v <= target : v < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return first(true) - first(false) === 1;
}

/**
 * The organisation's place in a group, as the quarter it falls in. An exact percentile would
 * be a count of the members below it, and two of them for nested groups (all and its sector)
 * count the few in between; a quarter leaves a quarter of the group's size open.
 */
export interface ShownPercentile {
  readonly kind: 'quarter';
  readonly quarter: 0 | 1 | 2 | 3;
}

export function shownPercentile(
  sorted: ArrayLike<number>,
  value: number | null,
  policy: DisclosurePolicy,
): ShownPercentile | null {
  if (value === null || sorted.length < policy.k) return null;
  return { kind: 'quarter', quarter: quarterOf(percentileRank(sorted, value)!) };
}

/**
 * The p % rule: a total is not shown when the contributors other than the two largest add up to
 * less than p % of the largest, because then the second largest can estimate the largest to
 * within p % by subtracting itself. Applies to sums and pooled ratios of unbounded numbers.
 */
export function dominated(parts: ArrayLike<number>, p = DOMINANCE_P): boolean {
  let first = 0;
  let second = 0;
  let total = 0;
  for (let i = 0; i < parts.length; i++) {
    const x = Math.abs(parts[i]!);
    total += x;
    if (x > first) [first, second] = [x, first];
    else if (x > second) second = x;
  }
  if (first === 0) return false;
  return total - first - second < p * first;
}
