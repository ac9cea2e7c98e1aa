import { describe, expect, it } from 'vitest';
import { portfolioFigures, cumulativeSeries } from '../../../src/core/portfolio/figures.ts';
import { checkSettings, DEFAULT_SETTINGS } from '../../../src/core/portfolio/settings.ts';
import { portfolioWarnings } from '../../../src/core/portfolio/warnings.ts';
import type { Initiative, Realisation } from '../../../src/core/portfolio/types.ts';

const S = { hourlyCostDkk: 200, hoursPerFte: 1600, discountRate: 0.05, horizonYears: 3 };

const base: Initiative = {
  organisation: 'Vejle',
  initiative: 'A',
  track: 'skal-loesninger',
  owner: 'Anne',
  status: 'i-drift',
  competency: null,
  start: '2026-01',
  investmentDkk: 300_000,
  runningCostDkkPerYear: 20_000,
  expectedHoursPerYear: 1_000,
  expectedDkkPerYear: 50_000,
  gainsBooked: true,
  budgetYear: 2026,
};
const b: Initiative = {
  ...base,
  initiative: 'B',
  track: 'forudsaetninger',
  owner: null,
  status: 'i-gang',
  start: '2026-07',
  investmentDkk: 100_000,
  runningCostDkkPerYear: 60_000,
  expectedHoursPerYear: 0,
  expectedDkkPerYear: 50_000,
  gainsBooked: false,
  budgetYear: null,
};
const c: Initiative = {
  ...base,
  initiative: 'C',
  status: 'stoppet',
  investmentDkk: 0,
  runningCostDkkPerYear: 0,
};
const real = (initiative: string, month: string, realisedDkk: number, realisedHours = 0): Realisation => ({
  organisation: 'Vejle',
  initiative,
  month,
  realisedDkk,
  realisedHours,
});

describe('portfolio figures (hand-computed)', () => {
  const realisations = [
    real('A', '2026-01', 10_000, 20),
    real('a', '2026-02', 10_000),
    real('A', '2026-07', 99_999),
  ];
  const f = portfolioFigures([base, b], realisations, '2026-06', S);
  const [fa, fb] = f.initiatives;

  it('values hours at the hourly cost, nets the running cost, pays back investment ÷ net', () => {
    expect(fa!.expectedTotalDkkPerYear).toBe(250_000); // 50 000 + 1 000 h × 200
    expect(fa!.netDkkPerYear).toBe(230_000);
    expect(fa!.paybackYears).toBeCloseTo(300_000 / 230_000, 10);
    expect(fa!.fte).toBe(0.625); // 1 000 ÷ 1 600
  });

  it('discounts the net over the horizon (NPV)', () => {
    // annuity factor 1/1.05 + 1/1.05² + 1/1.05³ = 2.723248…
    expect(fa!.npvDkk).toBeCloseTo(326_347.05, 1);
    expect(fb!.npvDkk).toBeCloseTo(-127_232.48, 1);
  });

  it('has no payback when net ≤ 0, also when exactly 0', () => {
    expect(fb!.netDkkPerYear).toBe(-10_000);
    expect(fb!.paybackYears).toBeNull();
    const zero = portfolioFigures([{ ...b, runningCostDkkPerYear: 50_000 }], [], '2026-06', S);
    expect(zero.initiatives[0]!.netDkkPerYear).toBe(0);
    expect(zero.initiatives[0]!.paybackYears).toBeNull();
  });

  it('realises pro rata: expected to date is a twelfth a month from the start, realised counts only months through asOf', () => {
    expect(fa!.monthsElapsed).toBe(6);
    expect(fa!.expectedToDateDkk).toBeCloseTo(125_000, 8); // 250 000 ÷ 12 × 6
    expect(fa!.realisedToDateDkk).toBe(24_000); // 10 000 + 20 h × 200 + 10 000 (July not yet)
    expect(fa!.realisedToDateHours).toBe(20);
    expect(fa!.realisation).toBeCloseTo(0.192, 10);
    expect(fb!.monthsElapsed).toBe(0);
    expect(fb!.realisation).toBeNull();
  });

  it('sums per track and in total; a group pays back its investment ÷ its net', () => {
    expect(f.total.investmentDkk).toBe(400_000);
    expect(f.total.netDkkPerYear).toBe(220_000);
    expect(f.total.paybackYears).toBeCloseTo(400_000 / 220_000, 10);
    expect(f.total.npvDkk).toBeCloseTo(199_114.57, 1);
    expect(f.total.initiatives).toBe(2);
    expect(f.total.byStatus).toMatchObject({ 'i-drift': 1, 'i-gang': 1, ide: 0 });
    expect(f.byTrack['skal-loesninger'].initiatives).toBe(1);
    expect(f.byTrack.forudsaetninger.paybackYears).toBeNull();
    expect(f.byTrack['skal-udfordringer']).toMatchObject({
      initiatives: 0,
      investmentDkk: 0,
      realisation: null,
    });
  });

  it('gives a cumulative monthly series from the earliest start', () => {
    const series = cumulativeSeries([base], realisations, '2026-03', S);
    expect(series.map((p) => p.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(series[2]!.expectedDkk).toBeCloseTo(62_500, 8);
    expect(series.map((p) => p.realisedDkk)).toEqual([14_000, 24_000, 24_000]);
  });
});

describe('portfolio warnings', () => {
  it('warns in the four cases, and only there', () => {
    const items = [base, b, c];
    const f = portfolioFigures(items, [real('A', '2026-01', 10_000)], '2026-06', S);
    const codes = portfolioWarnings(items, f.initiatives).map((w) => `${w.initiative}:${w.code}`);
    expect(codes).toEqual([
      'A:under-half-after-six-months',
      'B:gains-not-booked',
      'B:no-owner',
      'C:stopped-counts-gains',
    ]);
  });

  it('does not warn about realisation before six months, or at half or more', () => {
    const five = portfolioFigures([base], [], '2026-05', S);
    expect(portfolioWarnings([base], five.initiatives)).toEqual([]);
    const half = portfolioFigures([base], [real('A', '2026-03', 125_000)], '2026-06', S);
    expect(portfolioWarnings([base], half.initiatives)).toEqual([]);
  });
});

describe('portfolio settings', () => {
  it('defaults what is not given and checks ranges', () => {
    expect(checkSettings({})).toEqual({ ok: true, value: DEFAULT_SETTINGS });
    expect(checkSettings({ discountRate: '0,04' })).toMatchObject({
      ok: true,
      value: { discountRate: 0.04 },
    });
    const bad = checkSettings({ horizonYears: 2.5, hourlyCostDkk: -1 });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.column)).toEqual(['hourlyCostDkk', 'horizonYears']);
  });
});
