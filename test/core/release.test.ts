/**
 * Releases by hand: quantiles and their bands, the peer groups, the refresh rule, and an
 * organisation against its peers. The attacker's view of the same code is in test/disclosure.
 */
import { describe, expect, it } from 'vitest';
import { dominated, shownPercentile, shownQuantiles } from '../../src/core/disclosure/leaf-rules.ts';
import { disclosurePolicy } from '../../src/core/disclosure/policy.ts';
import { band, bandStep, percentileRank, quantile, quarterOf } from '../../src/core/figures/quantiles.ts';
import { valueLayout } from '../../src/core/figures/layout.ts';
import { buildRelease, unitTable } from '../../src/core/release/build.ts';
import { similarClusters } from '../../src/core/release/groups.ts';
import { organisationPeers, prepareRelease } from '../../src/core/release/peers.ts';
import type { OrganisationVersion, ReleaseContent } from '../../src/core/release/types.ts';
import { dtOffentlig } from '../helpers.ts';

const instrument = dtOffentlig();
const policy = disclosurePolicy({ k: 5 });
const scale = { min: 0, max: 100, step: 10 };

describe('quantiles and percentiles (hand-computed)', () => {
  it('interpolates quartiles linearly between order statistics (type 7)', () => {
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 3, 4, 5], p))).toEqual([2, 3, 4]);
    // n = 4: h = 3p → Q1 = 1 + 0.75·(2 − 1), median 2.5, Q3 = 3 + 0.25·(4 − 3)
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
  });

  it('counts ties as half in the percentile rank', () => {
    expect(percentileRank([1, 2, 3, 4, 5], 3)).toBe(50); // (2 below + ½·1) / 5
    expect(percentileRank([1, 2, 3, 4, 5], 1)).toBe(10);
    expect(percentileRank([1, 2, 3, 4, 5], 6)).toBe(100);
    expect(percentileRank([2, 2, 2, 5], 2)).toBe(37.5); // (0 + ½·3) / 4
    expect(percentileRank([], 2)).toBeNull();
  });

  it('bands a value on a readable grid, inside the scale', () => {
    expect(bandStep(1, 5)).toBe(0.5);
    expect(bandStep(0, 100)).toBe(10);
    expect(bandStep(1, 7)).toBe(1);
    expect(band(44.6, 10, 0, 100)).toEqual([40, 50]);
    expect(band(3.0, 0.5, 1, 5)).toEqual([3, 3.5]);
    expect(band(100, 10, 0, 100)).toEqual([90, 100]);
    expect([0, 24.9, 25, 74, 100].map(quarterOf)).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('what a group of a given size may show (k = 5)', () => {
  const sorted = (n: number) => Float64Array.from({ length: n }, (_, i) => 10 + i * 3);

  it('shows nothing below k, the median band from k, exact quartiles from 3k unless one is a member value', () => {
    expect(shownQuantiles(sorted(4), policy, scale, 1)).toEqual({
      kind: 'quantiles',
      n: null,
      exact: null,
      band: null,
    });
    // 5 values 10 13 16 19 22: median 16 (a member's own value) → only its band 10–20.
    expect(shownQuantiles(sorted(5), policy, scale, 1)).toEqual({
      kind: 'quantiles',
      n: 5,
      exact: null,
      band: [10, 20],
    });
    expect(shownQuantiles(sorted(14), policy, scale, 1)).toMatchObject({ exact: null });
    // 15 values: the median is the 8th (31), a member's own value → the band, large group or not.
    expect(shownQuantiles(sorted(15), policy, scale, 1)).toMatchObject({ exact: null, band: [30, 40] });
    // 16 values: 21.25, 32.5 and 43.75 (21.3, 32.5, 43.8 as shown) are no member's value.
    const big = shownQuantiles(sorted(16), policy, scale, 1);
    expect(big.kind === 'quantiles' && big.exact).toEqual({ q1: 21.25, median: 32.5, q3: 43.75 });
    // 1 … 16: quartiles 4.75, 8.5, 12.25 — no member's value with one decimal, but shown
    // without decimals 4.75 reads as 5, a member's (and the only one's).
    const ones = Float64Array.from({ length: 16 }, (_, i) => i + 1);
    expect(shownQuantiles(ones, policy, scale, 1)).toMatchObject({ exact: { q1: 4.75 } });
    expect(shownQuantiles(ones, policy, scale, 0)).toMatchObject({ exact: null, band: [0, 10] });
    // A value several members share says nothing about any one of them: 1 … 16 in pairs.
    const pairs = Float64Array.from({ length: 16 }, (_, i) => 1 + Math.floor(i / 2));
    expect(shownQuantiles(pairs, policy, scale, 0)).toMatchObject({ exact: { median: 4.5 } });
  });

  it("gives an organisation's place only as the quarter of the group it falls in", () => {
    expect(shownPercentile(sorted(4), 16, policy)).toBeNull();
    expect(shownPercentile(sorted(5), 16, policy)).toEqual({ kind: 'quarter', quarter: 2 });
    expect(shownPercentile(sorted(15), 31, policy)).toEqual({ kind: 'quarter', quarter: 2 });
    expect(shownPercentile(sorted(15), 10, policy)).toEqual({ kind: 'quarter', quarter: 0 });
    expect(shownPercentile(sorted(15), null, policy)).toBeNull();
  });

  it('holds back a sum that one contributor dominates (p % rule)', () => {
    expect(dominated([100, 5, 3])).toBe(true); // the others hide the largest by 3 %
    expect(dominated([100, 50, 20])).toBe(false);
    expect(dominated([0, 0])).toBe(false);
  });

  it('refuses a policy below the floors, naming the field', () => {
    expect(() => disclosurePolicy({ k: 2 })).toThrow(/k must be a whole number of at least 3/);
    expect(() => disclosurePolicy({ respondentMin: 1 })).toThrow(/respondent minimum .* at least 2/);
    expect(disclosurePolicy()).toEqual({ k: 5, respondentMin: 3 });
  });
});

/** Versions with an index (and the competency values that follow from it) and attributes. */
function versions(
  specs: readonly {
    org: number;
    sector: string;
    type: string;
    size: string;
    index: number;
    release?: number;
    id?: number;
  }[],
): OrganisationVersion[] {
  const layout = valueLayout(instrument);
  return specs.map((s, i) => {
    const values = new Float64Array(layout.ids.length).fill(Number.NaN);
    values[layout.position.get('index')!] = s.index;
    for (const c of instrument.def.competencies) values[layout.position.get(c.score)!] = s.index / 25 + 1;
    return {
      id: s.id ?? i + 1,
      organisation: s.org,
      release: s.release ?? 1,
      respondents: 2,
      stage: 'indlejret',
      values,
      attributes: { sector: s.sector, type: s.type, sizeBand: s.size },
    };
  });
}

// 5 small and 4 large kommuner, 3 regions, 2 hospitals, one agency.
const SMALL_ROUND = [
  ...[10, 20, 30, 40, 50].map((index, i) => ({
    org: i + 1,
    sector: 'kommune',
    type: 'kommune',
    size: 'small',
    index,
  })),
  ...[60, 70, 80, 90].map((index, i) => ({
    org: i + 6,
    sector: 'kommune',
    type: 'kommune',
    size: 'large',
    index,
  })),
  ...[55, 65, 75].map((index, i) => ({
    org: i + 10,
    sector: 'region',
    type: 'region',
    size: 'large',
    index,
  })),
  ...[45, 85].map((index, i) => ({ org: i + 13, sector: 'region', type: 'hospital', size: 'large', index })),
  { org: 15, sector: 'stat', type: 'styrelse', size: 'medium', index: 35 },
];
// The same with five agencies: every sector has k.
const ROUND = [
  ...SMALL_ROUND,
  ...[36, 37, 38, 39].map((index, i) => ({
    org: 30 + i,
    sector: 'stat',
    type: 'styrelse',
    size: 'medium',
    index,
  })),
];

const release = (vs: OrganisationVersion[], number = 1, previous: ReleaseContent[] = []) =>
  buildRelease({
    instrument,
    policy,
    number,
    at: `2026-0${number}-01T00:00:00.000Z`,
    final: false,
    versions: vs,
    previous,
  });

describe('peer groups of a release', () => {
  it('merges the smallest clusters into their nearest until each is big enough', () => {
    const vs = versions(SMALL_ROUND);
    const table = unitTable(instrument, vs);
    const rows = Int32Array.from(vs.keys());
    // Closest first: hospitals join regions (another type), large kommuner join small ones (two
    // size steps); the lone agency is 7 from everyone and joins the larger cluster.
    expect(similarClusters(table, rows, 5)).toEqual([
      ['kommune/kommune/large', 'kommune/kommune/small', 'stat/styrelse/medium'],
      ['region/hospital/large', 'region/region/large'],
    ]);
    expect(similarClusters(table, rows, 16)).toHaveLength(1);
  });

  it('publishes every group of at least k, holds back the ones below k and the ones that would give them away', () => {
    const r = release(versions(SMALL_ROUND));
    const state = (id: string) => r.groups.find((g) => g.group === id)!;
    expect(state('all')).toMatchObject({ status: 'published', publication: { size: 15 } });
    expect(state('sector:kommune')).toMatchObject({ status: 'published', publication: { size: 9 } });
    // One agency: below k, and all − kommune − region would be it: the regions are held back.
    expect(state('sector:stat')).toMatchObject({ status: 'not-shown', reason: 'too-few', publication: null });
    expect(state('sector:region')).toMatchObject({
      status: 'not-shown',
      reason: 'complementary',
    });
    // Best practice has 4 (k − 1); the rest would then differ from all by those 4.
    // Groups defined by answers do not say why (it would say something about the answers).
    expect(state('best')).toMatchObject({ status: 'not-shown', reason: 'withheld' });
    expect(state('rest')).toMatchObject({ status: 'not-shown', reason: 'withheld' });
    // Size bands are per sector (their limits differ): 4 large kommuner are too few, and the
    // 5 small ones are 4 from the kommuner's 9.
    expect(state('size:kommune/large')).toMatchObject({ status: 'not-shown', reason: 'too-few' });
    expect(state('size:kommune/small')).toMatchObject({ status: 'not-shown', reason: 'overlap' });
    expect(r.groups.some((g) => g.group.includes('?'))).toBe(false);
    // Every visible size is a count of at least k, and no hidden one follows from them.
    const sizes = r.groups.flatMap((g) => (g.publication ? [g.publication.size] : []));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(5);
  });

  it('keeps the earlier figures until at least k organisations have changed', () => {
    const first = release(versions(ROUND));
    // One more kommune answers: kommune 9 → 10, all 15 → 16. One change: nothing refreshes.
    const more = [
      ...versions(ROUND),
      ...versions([
        { org: 16, sector: 'kommune', type: 'kommune', size: 'small', index: 95, release: 2, id: 100 },
      ]),
    ];
    const second = release(more, 2, [first]);
    for (const g of second.groups.filter((x) => x.publication)) {
      const before = first.groups.find((x) => x.group === g.group)?.publication;
      if (before) expect(g.publication!.release, g.group).toBe(1);
    }
    expect(first.groups.find((g) => g.group === 'sector:region')).toMatchObject({ status: 'published' });
    // Kept: release 1's figures, and nothing that counts the one who changed.
    const kept = second.groups.find((g) => g.group === 'all')!;
    expect(kept).toMatchObject({ status: 'kept', publication: { release: 1 } });
    expect(Object.keys(kept).sort()).toEqual(['group', 'kind', 'predicate', 'publication', 'status']);
    // Four more (five in all): the whole round and the kommuner refresh.
    const five = [
      ...more,
      ...versions(
        [17, 18, 19, 20].map((org, i) => ({
          org,
          sector: 'kommune',
          type: 'kommune',
          size: 'small',
          index: 20 + i,
          release: 3,
          id: 200 + i,
        })),
      ),
    ];
    const third = release(five, 3, [first, second]);
    expect(third.groups.find((g) => g.group === 'all')).toMatchObject({
      status: 'published',
      publication: { size: 24 },
    });
    expect(third.groups.find((g) => g.group === 'sector:kommune')).toMatchObject({
      status: 'published',
      publication: { size: 14 },
    });
    expect(third.groups.find((g) => g.group === 'sector:region')).toMatchObject({
      status: 'kept',
      publication: { release: 1 },
    });
  });

  it('places an organisation in its groups by quarter, with exact quartiles only in the large ones', () => {
    const vs = versions([
      ...ROUND,
      ...[5, 15, 25].map((index, i) => ({
        org: 50 + i,
        sector: 'kommune',
        type: 'kommune',
        size: 'small',
        index,
      })),
    ]);
    const content = release(vs);
    const peers = organisationPeers(prepareRelease(instrument, content, vs), 3);
    const all = peers.find((p) => p.state.kind === 'all')!;
    expect(all.member).toBe(true);
    // 22 organisations ≥ 3k. K3 (index 30): 5 below it, one tie: (5 + ½) / 22 = 25 % → 2nd quarter.
    expect(all.figures['index']!.shown).toMatchObject({ kind: 'quantiles', n: 22 });
    expect(all.figures['index']!.percentile).toEqual({ kind: 'quarter', quarter: 1 });
    const sector = peers.find((p) => p.state.kind === 'sector')!;
    // 12 kommuner < 3k: the median's band, and the quarter.
    expect(sector.figures['index']!.shown).toMatchObject({ kind: 'quantiles', n: 12, exact: null });
    expect(sector.figures['index']!.percentile).toMatchObject({ kind: 'quarter' });
  });
});
