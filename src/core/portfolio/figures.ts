/**
 * The contract's figures (§6) per initiative, per track and in total. All amounts in DKK a
 * year unless the name says otherwise; hours are valued at the organisation's hourly cost.
 *
 *   expected_total = expected_dkk_per_year + expected_hours_per_year × hourly cost
 *   net            = expected_total − running_cost_dkk_per_year
 *   payback_years  = investment ÷ net            (none when net ≤ 0: it never pays back)
 *   npv            = −investment + Σ_{t=1..horizon} net ÷ (1 + rate)^t
 *   fte            = expected hours ÷ hours per FTE
 *   realisation    = realised to date ÷ expected to date, where the expected gain accrues
 *                    pro rata, one twelfth a month, from the start month through the month
 *                    reported on (both counted); none while nothing is expected yet.
 *
 * Sums over initiatives are plain sums; a group's payback is its investment ÷ its net (not a
 * mean of paybacks), and a group's realisation is its realised ÷ its expected to date.
 */
import { monthIndex, monthOf, monthsThrough } from './month.ts';
import type { PortfolioSettings } from './settings.ts';
import {
  initiativeKey,
  STATUSES,
  TRACKS,
  type Initiative,
  type Realisation,
  type Status,
  type Track,
} from './types.ts';

export interface Amounts {
  readonly investmentDkk: number;
  readonly runningCostDkkPerYear: number;
  readonly expectedHoursPerYear: number;
  readonly expectedDkkPerYear: number;
  readonly expectedTotalDkkPerYear: number;
  readonly netDkkPerYear: number;
  /** null: net ≤ 0, it never pays back. */
  readonly paybackYears: number | null;
  readonly npvDkk: number;
  readonly fte: number;
  readonly expectedToDateDkk: number;
  readonly realisedToDateDkk: number;
  readonly realisedToDateHours: number;
  /** Fraction (1 = as expected); null while nothing is expected yet. */
  readonly realisation: number | null;
}

export interface InitiativeFigures extends Amounts {
  readonly initiative: string;
  readonly track: Track;
  readonly status: Status;
  /** Months from the start through the month reported on (0 before the start). */
  readonly monthsElapsed: number;
}

export interface GroupFigures extends Amounts {
  readonly initiatives: number;
  readonly byStatus: Readonly<Record<Status, number>>;
}

export interface PortfolioFigures {
  /** The month the figures are "to date" of (`YYYY-MM`). */
  readonly asOf: string;
  readonly initiatives: readonly InitiativeFigures[];
  readonly byTrack: Readonly<Record<Track, GroupFigures>>;
  readonly total: GroupFigures;
}

/** The annuity factor Σ_{t=1..n} 1 ÷ (1 + r)^t (n when r = 0). */
export function annuityFactor(rate: number, years: number): number {
  let sum = 0;
  for (let t = 1; t <= years; t++) sum += 1 / (1 + rate) ** t;
  return sum;
}

export const paybackYears = (investment: number, net: number): number | null =>
  net > 0 ? investment / net : null;

export const npv = (investment: number, net: number, s: PortfolioSettings): number =>
  -investment + net * annuityFactor(s.discountRate, s.horizonYears);

/** Realisations per initiative key (organisation + name), for figures of one organisation. */
function realisedByInitiative(
  realisations: readonly Realisation[],
  asOf: number,
  hourlyCost: number,
): Map<string, { dkk: number; hours: number }> {
  const out = new Map<string, { dkk: number; hours: number }>();
  for (const r of realisations) {
    const m = monthIndex(r.month);
    if (m === null || m > asOf) continue;
    const key = initiativeKey(r.initiative);
    const sum = out.get(key) ?? { dkk: 0, hours: 0 };
    sum.dkk += r.realisedDkk + r.realisedHours * hourlyCost;
    sum.hours += r.realisedHours;
    out.set(key, sum);
  }
  return out;
}

export function initiativeFigures(
  i: Initiative,
  realised: { dkk: number; hours: number },
  asOf: string,
  s: PortfolioSettings,
): InitiativeFigures {
  const expectedTotal = i.expectedDkkPerYear + i.expectedHoursPerYear * s.hourlyCostDkk;
  const net = expectedTotal - i.runningCostDkkPerYear;
  const monthsElapsed = monthsThrough(i.start, asOf);
  const expectedToDate = (expectedTotal / 12) * monthsElapsed;
  return {
    initiative: i.initiative,
    track: i.track,
    status: i.status,
    monthsElapsed,
    investmentDkk: i.investmentDkk,
    runningCostDkkPerYear: i.runningCostDkkPerYear,
    expectedHoursPerYear: i.expectedHoursPerYear,
    expectedDkkPerYear: i.expectedDkkPerYear,
    expectedTotalDkkPerYear: expectedTotal,
    netDkkPerYear: net,
    paybackYears: paybackYears(i.investmentDkk, net),
    npvDkk: npv(i.investmentDkk, net, s),
    fte: i.expectedHoursPerYear / s.hoursPerFte,
    expectedToDateDkk: expectedToDate,
    realisedToDateDkk: realised.dkk,
    realisedToDateHours: realised.hours,
    realisation: expectedToDate > 0 ? realised.dkk / expectedToDate : null,
  };
}

const SUMMED = [
  'investmentDkk',
  'runningCostDkkPerYear',
  'expectedHoursPerYear',
  'expectedDkkPerYear',
  'expectedTotalDkkPerYear',
  'netDkkPerYear',
  'npvDkk',
  'fte',
  'expectedToDateDkk',
  'realisedToDateDkk',
  'realisedToDateHours',
] as const;

export function groupFigures(items: readonly InitiativeFigures[]): GroupFigures {
  const sums = Object.fromEntries(SUMMED.map((k) => [k, items.reduce((a, i) => a + i[k], 0)])) as Record<
    (typeof SUMMED)[number],
    number
  >;
  const byStatus = Object.fromEntries(
    STATUSES.map((st) => [st, items.filter((i) => i.status === st).length]),
  );
  return {
    ...sums,
    paybackYears: paybackYears(sums.investmentDkk, sums.netDkkPerYear),
    realisation: sums.expectedToDateDkk > 0 ? sums.realisedToDateDkk / sums.expectedToDateDkk : null,
    initiatives: items.length,
    byStatus: byStatus as Record<Status, number>,
  };
}

/** Every figure of one organisation's portfolio, to date of `asOf` (`YYYY-MM`). */
export function portfolioFigures(
  initiatives: readonly Initiative[],
  realisations: readonly Realisation[],
  asOf: string,
  s: PortfolioSettings,
): PortfolioFigures {
  const asOfIndex = monthIndex(asOf);
  if (asOfIndex === null) throw new RangeError(`not a month (YYYY-MM): ${JSON.stringify(asOf)}`);
  const realised = realisedByInitiative(realisations, asOfIndex, s.hourlyCostDkk);
  const items = initiatives.map((i) =>
    initiativeFigures(i, realised.get(initiativeKey(i.initiative)) ?? { dkk: 0, hours: 0 }, asOf, s),
  );
  const byTrack = Object.fromEntries(
    TRACKS.map((t) => [t, groupFigures(items.filter((i) => i.track === t))]),
  );
  return {
    asOf,
    initiatives: items,
    byTrack: byTrack as Record<Track, GroupFigures>,
    total: groupFigures(items),
  };
}

export interface MonthPoint {
  readonly month: string;
  /** Cumulative from the earliest start through this month. */
  readonly expectedDkk: number;
  readonly realisedDkk: number;
}

/** Expected vs realised, cumulative per month, from the earliest start through `asOf`. */
export function cumulativeSeries(
  initiatives: readonly Initiative[],
  realisations: readonly Realisation[],
  asOf: string,
  s: PortfolioSettings,
): MonthPoint[] {
  const end = monthIndex(asOf);
  const starts = initiatives.map((i) => monthIndex(i.start)).filter((m): m is number => m !== null);
  if (end === null || starts.length === 0) return [];
  const first = Math.min(...starts);
  const points: MonthPoint[] = [];
  let expected = 0;
  let realised = 0;
  const realisedPerMonth = new Map<number, number>();
  for (const r of realisations) {
    const m = monthIndex(r.month);
    if (m !== null)
      realisedPerMonth.set(
        m,
        (realisedPerMonth.get(m) ?? 0) + r.realisedDkk + r.realisedHours * s.hourlyCostDkk,
      );
  }
  for (let m = first; m <= end; m++) {
    for (const i of initiatives) {
      const start = monthIndex(i.start);
      if (start !== null && start <= m)
        expected += (i.expectedDkkPerYear + i.expectedHoursPerYear * s.hourlyCostDkk) / 12;
    }
    realised += realisedPerMonth.get(m) ?? 0;
    points.push({ month: monthOf(m), expectedDkk: expected, realisedDkk: realised });
  }
  return points;
}
