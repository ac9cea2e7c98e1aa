import { describe, expect, it } from 'vitest';
import {
  benchmarkOrganisation,
  checkK,
  groupFigure,
  prepareRound,
} from '../../src/core/benchmark/benchmark.ts';
import { peerGroups, similarClusters, type BenchmarkOrganisation } from '../../src/core/benchmark/groups.ts';
import { percentileRank, quantile } from '../../src/core/benchmark/quantiles.ts';
import { dtOffentlig } from '../helpers.ts';

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
});

describe('disclosure control', () => {
  it('never computes a figure from fewer than k organisations: k − 1 is too few, k is enough', () => {
    expect(groupFigure([1, 2, 3, 4], 5, 2)).toEqual({ status: 'too-few', n: 4 });
    expect(groupFigure([1, 2, 3, 4, 5], 5, 2)).toEqual({
      status: 'ok',
      n: 5,
      q1: 2,
      median: 3,
      q3: 4,
      value: 2,
      percentile: 30,
    });
    expect(groupFigure([1, 2], 3, 1)).toEqual({ status: 'too-few', n: 2 });
    expect(groupFigure([1, 2, 3], 3, 1)).toMatchObject({ status: 'ok', n: 3 });
  });

  it('refuses k below 3', () => {
    expect(() => checkK(2)).toThrow(/at least 3/);
    expect(() => checkK(3.5)).toThrow();
    expect(checkK(3)).toBe(3);
  });
});

const org = (
  name: string,
  sector: BenchmarkOrganisation['sector'],
  type: string,
  sizeBand: string,
  index: number | null,
) => ({
  name,
  sector,
  type,
  sizeBand,
  values: { index, 'competency.leadership': index === null ? null : index / 25 + 1 },
});

describe('peer groups', () => {
  // 5 small and 4 large kommuner, 3 regions, 2 hospitals, 1 agency without answers.
  const orgs: BenchmarkOrganisation[] = [
    ...[10, 20, 30, 40, 50].map((v, i) => org(`K${i}`, 'kommune', 'kommune', 'small', v)),
    ...[60, 70, 80, 90].map((v, i) => org(`L${i}`, 'kommune', 'kommune', 'large', v)),
    ...[55, 65, 75].map((v, i) => org(`R${i}`, 'region', 'region', 'large', v)),
    ...[45, 85].map((v, i) => org(`H${i}`, 'region', 'hospital', 'large', v)),
    org('S0', 'stat', 'styrelse', 'medium', null),
  ];

  it('merges the smallest clusters into their nearest until each is big enough', () => {
    const clusters = similarClusters(orgs, 5);
    // Closest first: hospitals join regions (distance 2: another type), large kommuner join
    // small ones (2: two size steps); the lone agency is 7 from everyone and joins the larger.
    expect(clusters.map((c) => [c.id, c.members.length])).toEqual([
      ['similar:kommune/kommune/large+kommune/kommune/small+stat/styrelse/medium', 10],
      ['similar:region/hospital/large+region/region/large', 5],
    ]);
    expect(similarClusters(orgs, 11)).toHaveLength(1);
    expect(similarClusters(orgs, 1)).toHaveLength(5);
  });

  it('forms a partition per kind and a best-practice group of the top quarter', () => {
    const groups = peerGroups(orgs, { similarGroupSize: 5, bestPractice: { ref: 'index', topShare: 0.25 } });
    for (const kind of ['all', 'sector', 'similar'] as const) {
      const members = groups.filter((g) => g.kind === kind).flatMap((g) => g.members);
      expect(new Set(members).size, kind).toBe(orgs.length);
      expect(members.length, kind).toBe(orgs.length);
    }
    // 14 indexes 10 20 30 40 45 50 55 60 65 70 75 80 85 90: Q3 at h = 9.75 → 70 + 0.75 · 5 = 73.75.
    const best = groups.find((g) => g.kind === 'best')!;
    expect(best.members.map((i) => orgs[i]!.name)).toEqual(['L2', 'L3', 'R2', 'H1']);
  });

  it('benchmarks one organisation: percentiles, quartiles, and "too few" for small groups', () => {
    const round = prepareRound(dtOffentlig(), orgs, 5);
    const b = benchmarkOrganisation(round, 'K2')!;
    expect(b.map((g) => g.groupId)).toEqual([
      'all',
      'sector:kommune',
      'size:small',
      // dt-offentlig asks for similar groups of at least 10: the regions (5) merge in too.
      'similar:kommune/kommune/large+kommune/kommune/small+region/hospital/large+region/region/large+stat/styrelse/medium',
      'best',
    ]);
    const all = b[0]!.figures['index']!;
    // Q1 h = 3.25 → 40 + 0.25 · 5; median h = 6.5 → 55 + 0.5 · 5; K2 = 30 → (2 + ½) / 14.
    expect(all).toEqual({
      status: 'ok',
      n: 14,
      q1: 41.25,
      median: 57.5,
      q3: 73.75,
      value: 30,
      percentile: (2.5 / 14) * 100,
    });
    expect(b[2]!.figures['index']).toMatchObject({ status: 'ok', n: 5, median: 30, percentile: 50 });
    // The best-practice group has 4 members, k − 1: nothing but its size is shown.
    expect(b[4]).toMatchObject({ member: false, size: 4, figures: { index: { status: 'too-few', n: 4 } } });
    // A value nobody answered has no figures; the unrelated agency has a too-small sector group.
    expect(b[0]!.figures['what.services.priority']).toEqual({ status: 'too-few', n: 0 });
    const s = benchmarkOrganisation(round, 'S0')!;
    expect(s.find((g) => g.kind === 'sector')).toMatchObject({
      size: 1,
      figures: { index: { status: 'too-few' } },
    });
    expect(s[0]!.figures['index']).toMatchObject({ status: 'ok', value: null, percentile: null });
    expect(benchmarkOrganisation(round, 'nobody')).toBeNull();
  });

  it('shows no figure of any group smaller than k, whatever the values', () => {
    const round = prepareRound(dtOffentlig(), orgs, 5);
    for (const o of orgs) {
      for (const g of benchmarkOrganisation(round, o.name)!) {
        for (const f of Object.values(g.figures)) {
          if (f.status !== 'ok') continue;
          expect(f.n).toBeGreaterThanOrEqual(5);
          expect(g.size).toBeGreaterThanOrEqual(5);
        }
      }
    }
  });

  it('compares extra values with the same groups and the same disclosure control', () => {
    const withRanks = orgs.map((o, i) => ({
      ...o,
      values: { ...o.values, 'how.data.rank': i < 12 ? (i % 7) + 1 : null },
    }));
    const round = prepareRound(dtOffentlig(), withRanks, 5, { extraRefs: ['how.data.rank', 'index'] });
    // Declared refs first, each once; the extra value after them.
    expect(round.refs.filter((r) => r === 'index')).toHaveLength(1);
    expect(round.refs[round.refs.length - 1]).toBe('how.data.rank');
    const b = benchmarkOrganisation(round, 'K2')!;
    // All 15: 12 ranked 1..7,1..5 → sorted 1 1 2 2 3 3 4 4 5 5 6 7; median h = 5.5 → 3 + 0.5·(4 − 3).
    expect(b[0]!.figures['how.data.rank']).toMatchObject({ status: 'ok', n: 12, median: 3.5, value: 3 });
    // size:small has 5 members, all ranked (K0..K4 → 1..5): k exactly, so shown.
    expect(b[2]!.figures['how.data.rank']).toMatchObject({ status: 'ok', n: 5, median: 3 });
    // The sector group of the regions has 5 members but only 3 ranked: k − 2 values, too few.
    const r = benchmarkOrganisation(round, 'R0')!;
    expect(r.find((g) => g.kind === 'sector')!.figures['how.data.rank']).toEqual({ status: 'too-few', n: 3 });
  });
});
