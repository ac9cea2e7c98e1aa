/**
 * How sure a change between two rounds is: a 95 % interval for a value computed over an
 * organisation's respondents, and the rule that calls a change "no clear change" when the two
 * rounds' intervals overlap. The interval is the organisation's value ± t(0.975, n − 1) · s/√n,
 * where s is the standard deviation of the respondents' own values (docs/reports.md, "Change
 * since the previous round"). Pure; no I/O.
 */

/** Two-sided 95 % quantiles of Student's t for 1…30 degrees of freedom. */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** t(0.975, df): the table up to 30, beyond it the Cornish–Fisher expansion (error < 0.001). */
export function t975(df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError(`degrees of freedom must be ≥ 1, got ${df}`);
  if (df <= T975.length) return T975[df - 1]!;
  const z = 1.959964;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

export interface Interval {
  readonly value: number;
  readonly low: number;
  readonly high: number;
  /** Respondents with a value. */
  readonly n: number;
}

/**
 * The interval around `value` from the respondents' own values (missing ones left out).
 * Null when fewer than two respondents have a value: one person's answer has no spread.
 */
export function respondentInterval(
  value: number | null,
  perRespondent: readonly (number | null)[],
): Interval | null {
  const xs = perRespondent.filter((x): x is number => x !== null && Number.isFinite(x));
  if (value === null || xs.length < 2) return null;
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1));
  const half = (t975(n - 1) * s) / Math.sqrt(n);
  return { value, low: value - half, high: value + half, n };
}

export type ChangeVerdict = 'up' | 'down' | 'no-clear-change' | 'unknown';

/**
 * Up or down only when the two intervals do not overlap; "no clear change" when they do;
 * unknown when either round has no interval (fewer than two respondents with a value).
 */
export function changeVerdict(previous: Interval | null, current: Interval | null): ChangeVerdict {
  if (!previous || !current) return 'unknown';
  if (current.low > previous.high) return 'up';
  if (current.high < previous.low) return 'down';
  return 'no-clear-change';
}
