/**
 * The portfolio across organisations: the formulas against hand-computed values (each
 * organisation's hours at its own hourly cost, ratios of sums, pro-rata expected to date),
 * and the disclosure rules cell by cell (too few, uniform, complementary, the log).
 */
import { describe, expect, it } from 'vitest';
import {
  cellValues,
  isUniform,
  organisationSums,
  portfolioAcross,
  type OrganisationSums,
  type TrackSums,
} from '../../../src/core/portfolio/across.ts';
import { DEFAULT_SETTINGS } from '../../../src/core/portfolio/settings.ts';
import type { Initiative, Realisation } from '../../../src/core/portfolio/types.ts';

const initiative = (name: string, over: Partial<Initiative>): Initiative => ({
  organisation: 'x',
  initiative: name,
  track: 'skal-loesninger',
  owner: 'Anna',
  status: 'i-drift',
  competency: null,
  start: '2026-01',
  investmentDkk: 0,
  runningCostDkkPerYear: 0,
  expectedHoursPerYear: 0,
  expectedDkkPerYear: 0,
  gainsBooked: false,
  budgetYear: null,
  ...over,
});
const realised = (name: string, month: string, dkk: number, hours = 0): Realisation => ({
  organisation: 'x',
  initiative: name,
  month,
  realisedDkk: dkk,
  realisedHours: hours,
});
const at = (hourlyCostDkk: number) => ({ ...DEFAULT_SETTINGS, hourlyCostDkk });

/** The hand-computed world of the docs (docs/portfolio.md, "Across organisations"). */
function world(): OrganisationSums[] {
  // Org 1 (kommune, 200 DKK/h). I1: 12,000 DKK + 60 h × 200 = 24,000 a year = 2,000 a month,
  // 2026-01 … 2026-06 = 6 months → 12,000 expected; realised 1,000 + 5 h × 200 = 2,000 (July
  // is after the month reported on). I2: 6,000 a year from 2026-04 → 3 × 500 = 1,500; 300 realised.
  const o1 = organisationSums(
    1,
    'kommune',
    [
      initiative('I1', {
        expectedDkkPerYear: 12_000,
        expectedHoursPerYear: 60,
        gainsBooked: true,
        budgetYear: 2026,
      }),
      initiative('I2', { track: 'forudsaetninger', start: '2026-04', expectedDkkPerYear: 6_000 }),
    ],
    [realised('I1', '2026-02', 1_000, 5), realised('I1', '2026-07', 5_000), realised('I2', '2026-05', 300)],
    '2026-06',
    at(200),
  );
  // Org 2 (kommune, 100 DKK/h). I3: 120 h × 100 = 12,000 a year from 2025-12 → 7 months → 7,000;
  // realised 500 + 10 h × 100 = 1,500. Not booked.
  const o2 = organisationSums(
    2,
    'kommune',
    [initiative('I3', { start: '2025-12', expectedHoursPerYear: 120 })],
    [realised('I3', '2026-03', 500, 10)],
    '2026-06',
    at(100),
  );
  // Org 3 (region, the default 217 DKK/h, no hours). I4: 24,000 a year from 2026-01 → 12,000; 6,000 realised.
  const o3 = organisationSums(
    3,
    'region',
    [initiative('I4', { expectedDkkPerYear: 24_000, gainsBooked: true, budgetYear: 2026 })],
    [realised('I4', '2026-03', 6_000)],
    '2026-06',
    DEFAULT_SETTINGS,
  );
  return [o1, o2, o3];
}

const sum = (parts: (TrackSums | undefined)[]): TrackSums =>
  parts
    .filter((p): p is TrackSums => p !== undefined)
    .reduce((a, b) => ({
      initiatives: a.initiatives + b.initiatives,
      booked: a.booked + b.booked,
      expectedDkkPerYear: a.expectedDkkPerYear + b.expectedDkkPerYear,
      bookedDkkPerYear: a.bookedDkkPerYear + b.bookedDkkPerYear,
      expectedToDateDkk: a.expectedToDateDkk + b.expectedToDateDkk,
      realisedToDateDkk: a.realisedToDateDkk + b.realisedToDateDkk,
    }));

describe('the portfolio across organisations: formulas', () => {
  it('sums each organisation per track with its own hourly cost, pro rata to date', () => {
    const [o1, o2, o3] = world();
    expect(o1!.tracks['skal-loesninger']).toEqual({
      initiatives: 1,
      booked: 1,
      expectedDkkPerYear: 24_000,
      bookedDkkPerYear: 24_000,
      expectedToDateDkk: 12_000,
      realisedToDateDkk: 2_000,
    });
    expect(o1!.tracks.forudsaetninger).toMatchObject({ expectedToDateDkk: 1_500, realisedToDateDkk: 300 });
    expect(o1!.tracks['skal-udfordringer']).toBeUndefined();
    expect(o2!.tracks['skal-loesninger']).toMatchObject({
      expectedDkkPerYear: 12_000,
      expectedToDateDkk: 7_000,
      realisedToDateDkk: 1_500,
      booked: 0,
    });
    expect(o3!.tracks['skal-loesninger']).toMatchObject({
      expectedToDateDkk: 12_000,
      realisedToDateDkk: 6_000,
    });
  });

  it('is a ratio of sums, not a mean of ratios', () => {
    const [o1, o2, o3] = world();
    // Must-have solutions, everyone: 9,500 ÷ 31,000; 2 of 3 booked; 48,000 of 60,000 DKK booked.
    const sl = cellValues(sum([o1, o2, o3].map((o) => o!.tracks['skal-loesninger'])));
    expect(sl.realisation).toBeCloseTo(9_500 / 31_000, 12);
    expect(sl.bookedInitiatives).toBeCloseTo(2 / 3, 12);
    expect(sl.bookedDkk).toBeCloseTo(0.8, 12);
    // The mean of the three organisations' own rates would be (1/6 + 3/14 + 1/2) / 3 ≈ 0.294.
    expect(sl.realisation).not.toBeCloseTo((2_000 / 12_000 + 1_500 / 7_000 + 0.5) / 3, 3);
    // Kommune, every track: 3,800 ÷ 20,500; 1 of 3 booked; 24,000 of 42,000 DKK.
    const kommune = cellValues(
      sum([o1, o2].flatMap((o) => [o!.tracks['skal-loesninger'], o!.tracks.forudsaetninger])),
    );
    expect(kommune.realisation).toBeCloseTo(3_800 / 20_500, 12);
    expect(kommune.bookedInitiatives).toBeCloseTo(1 / 3, 12);
    expect(kommune.bookedDkk).toBeCloseTo(4 / 7, 12);
  });

  it('publishes everyone’s total and suppresses the track that it would give away', () => {
    const result = portfolioAcross({ organisations: world(), previous: [], k: 3, asOf: '2026-06' });
    const cell = (scope: string, track: string) =>
      result.cells.find((c) => c.scope === scope && c.track === track);
    // Everyone, every track: 9,800 ÷ 32,500; 2 of 4 booked; 48,000 of 66,000 DKK.
    expect(cell('all', 'total')).toMatchObject({ status: 'shown', reason: null, asOf: '2026-06' });
    expect(cell('all', 'total')!.values!.realisation).toBeCloseTo(9_800 / 32_500, 12);
    expect(cell('all', 'total')!.values!.bookedInitiatives).toBe(0.5);
    expect(cell('all', 'total')!.values!.bookedDkk).toBeCloseTo(8 / 11, 12);
    // All three have must-have solutions, but total − it = organisation 1's prerequisites.
    expect(cell('all', 'skal-loesninger')).toMatchObject({
      status: 'not-shown',
      reason: 'complementary',
      values: null,
    });
    expect(cell('all', 'forudsaetninger')).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(cell('sector:kommune', 'total')).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(cell('sector:region', 'total')).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(cell('all', 'skal-udfordringer')).toBeUndefined();
    expect(result.publications.map((p) => p.cell)).toEqual(['all/total']);
  });

  it('withholds a share of 0 or 1, a realisation of 0 and nothing expected yet: they tell each member’s', () => {
    const base = { realisation: 0.4, bookedInitiatives: 0.5, bookedDkk: 0.5 };
    expect(isUniform(base)).toBe(false);
    for (const v of [
      { ...base, realisation: 0 },
      { ...base, realisation: null },
      { ...base, bookedInitiatives: 1 },
      { ...base, bookedDkk: 0 },
    ])
      expect(isUniform(v)).toBe(true);
    // Three organisations that all booked everything: the cell is withheld as "uniform".
    const booked = [1, 2, 3].map((id) =>
      organisationSums(
        id,
        'kommune',
        [initiative('A', { expectedDkkPerYear: 12_000 * id, gainsBooked: true, budgetYear: 2026 })],
        [realised('A', '2026-02', 500 * id + id * id)],
        '2026-06',
        DEFAULT_SETTINGS,
      ),
    );
    const result = portfolioAcross({ organisations: booked, previous: [], k: 3, asOf: '2026-06' });
    expect(result.cells.every((c) => c.status === 'not-shown' && c.reason === 'uniform')).toBe(true);
    expect(result.publications).toEqual([]);
  });

  it('keeps a withheld uniform cell from being derived: total − a track', () => {
    // Prerequisites: every one of the four booked → a share of 1, withheld. Must-have
    // solutions: half booked. Everyone's total − must-have solutions = prerequisites.
    const orgs = [1, 2, 3, 4].map((id) =>
      organisationSums(
        id,
        'kommune',
        [
          initiative('A', { expectedDkkPerYear: 10_000 * id, gainsBooked: id % 2 === 0, budgetYear: 2026 }),
          initiative('B', {
            track: 'forudsaetninger',
            expectedDkkPerYear: 3_000 + id,
            gainsBooked: true,
            budgetYear: 2026,
          }),
        ],
        [realised('A', '2026-02', 700 * id + id * id), realised('B', '2026-03', 100 * id)],
        '2026-06',
        DEFAULT_SETTINGS,
      ),
    );
    const result = portfolioAcross({ organisations: orgs, previous: [], k: 3, asOf: '2026-06' });
    const cell = (track: string) => result.cells.find((c) => c.scope === 'all' && c.track === track)!;
    expect(cell('forudsaetninger')).toMatchObject({ status: 'not-shown', reason: 'uniform' });
    expect(cell('total').status).toBe('shown');
    expect(cell('skal-loesninger')).toMatchObject({ status: 'not-shown', reason: 'complementary' });
  });

  it('shows an unchanged cell again without a new publication, and the earlier one when it may not refresh', () => {
    const orgs = [1, 2, 3, 4].map((id) =>
      organisationSums(
        id,
        'kommune',
        [
          initiative('A', { expectedDkkPerYear: 12_000 * id, gainsBooked: true, budgetYear: 2026 }),
          initiative('B', { expectedDkkPerYear: 1_000 }),
        ],
        [realised('A', '2026-02', 700 * id + id * id)],
        '2026-06',
        DEFAULT_SETTINGS,
      ),
    );
    const first = portfolioAcross({ organisations: orgs, previous: [], k: 3, asOf: '2026-06' });
    // One sector, one track: the four cells are the same organisations, so all may be shown.
    expect(first.publications.map((p) => p.cell)).toEqual([
      'all/total',
      'all/skal-loesninger',
      'sector:kommune/total',
      'sector:kommune/skal-loesninger',
    ]);
    const again = portfolioAcross({
      organisations: orgs,
      previous: first.publications,
      k: 3,
      asOf: '2026-06',
    });
    expect(again.publications).toEqual([]);
    expect(again.cells.find((c) => c.scope === 'all' && c.track === 'total')).toMatchObject({
      status: 'shown',
    });
    // One organisation's realisation changes: the total may not show what changed for it.
    const changed = [
      organisationSums(
        1,
        'kommune',
        [
          initiative('A', { expectedDkkPerYear: 12_000, gainsBooked: true, budgetYear: 2026 }),
          initiative('B', { expectedDkkPerYear: 1_000 }),
        ],
        [realised('A', '2026-02', 5_000)],
        '2026-06',
        DEFAULT_SETTINGS,
      ),
      ...orgs.slice(1),
    ];
    const after = portfolioAcross({
      organisations: changed,
      previous: first.publications,
      k: 3,
      asOf: '2026-06',
    });
    after.cells.forEach((c, i) => {
      expect(c).toMatchObject({ status: 'earlier', reason: 'complementary', asOf: '2026-06' });
      expect(c.values).toEqual(first.publications[i]!.values);
    });
    expect(after.publications).toEqual([]);
  });
});
