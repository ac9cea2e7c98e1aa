/**
 * Rules for single published numbers, whatever else is published: quantiles that could be a
 * member's own value, sums that one large contributor dominates, percentiles in small groups.
 */
import type { ShownLeaf } from '../figures/assemble.ts';
import type { Range } from '../figures/plan.ts';
import { band, percentileRank, quantile, quarterOf } from '../figures/quantiles.ts';
import { DOMINANCE_P, exactQuantileMin, type DisclosurePolicy } from './policy.ts';

/**
 * Quartiles and median as they may be shown. Type-7 quantiles of a small group are often a
 * member's exact value (always the median of an odd group, and q1 and q3 whenever (n − 1)/4
 * is whole), so exact figures come only from groups of at least 3k; from k up, the median's
 * band on the value's scale; below k, nothing.
 */
export function shownQuantiles(sorted: ArrayLike<number>, policy: DisclosurePolicy, scale: Range): ShownLeaf {
  const n = sorted.length;
  if (n < policy.k) return { kind: 'quantiles', n, exact: null, band: null };
  const median = quantile(sorted, 0.5)!;
  if (n >= exactQuantileMin(policy))
    return {
      kind: 'quantiles',
      n,
      exact: { q1: quantile(sorted, 0.25)!, median, q3: quantile(sorted, 0.75)! },
      band: null,
    };
  return { kind: 'quantiles', n, exact: null, band: band(median, scale.step, scale.min, scale.max) };
}

/** The organisation's place in a group: exact from 3k, else only the quarter it falls in. */
export type ShownPercentile =
  | { readonly kind: 'exact'; readonly percentile: number }
  | { readonly kind: 'quarter'; readonly quarter: 0 | 1 | 2 | 3 };

export function shownPercentile(
  sorted: ArrayLike<number>,
  value: number | null,
  policy: DisclosurePolicy,
): ShownPercentile | null {
  if (value === null || sorted.length < policy.k) return null;
  const p = percentileRank(sorted, value)!;
  return sorted.length >= exactQuantileMin(policy)
    ? { kind: 'exact', percentile: p }
    : { kind: 'quarter', quarter: quarterOf(p) };
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
