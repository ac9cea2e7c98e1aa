/**
 * Attack 3: subtraction in count tables. 27 organisations, 20 kommuner and 7 regions, rate
 * `why.importance` 4 or 5: all 4 = 11, all 5 = 16, kommune 5 = 10, so exactly one region
 * answered 4. That one region's answer must be neither published nor derivable.
 */
import { describe as suite, expect, it } from 'vitest';
import { auditCounts } from '../../src/core/disclosure/count-audit.ts';
import {
  countLeaf,
  integerCountAttack,
  linearCountAttack,
  publishedCountProblems,
  type QuartileFact,
} from './lib/counts.ts';
import { describe } from './lib/report.ts';
import { DT, History, seenPublications, single, type OrgSpec } from './lib/world.ts';

const SIZES = ['small', 'medium', 'large'];

/** One respondent per organisation: every organisation's value is a whole point of the scale. */
function subtractionRound(): OrgSpec[] {
  const kommuner = Array.from({ length: 20 }, (_, i) =>
    single('kommune', SIZES[i % 3]!, { v: 2 + (i % 3), importance: i < 10 ? 4 : 5 }),
  );
  const regions = Array.from({ length: 7 }, (_, i) =>
    single('region', SIZES[i % 3]!, { v: 2 + (i % 3), importance: i < 1 ? 4 : 5 }),
  );
  return [...kommuner, ...regions];
}

function released() {
  const h = new History().join(subtractionRound(), 1);
  h.release();
  return { h, world: { instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k } };
}

const importance = countLeaf(DT, 'importance');
const stages = countLeaf(DT, 'stages');

/** Published quartiles of `why.importance` where the attacker can tell the values are whole points. */
function importanceQuartiles(h: History): QuartileFact[] {
  return seenPublications(DT, h.versions, h.releases).flatMap((s) => {
    const q = s.pub.peer?.['why.importance'];
    // One respondent per organisation (respondents = size): each value is that person's answer.
    if (q?.kind !== 'quantiles' || s.pub.respondents !== s.pub.size) return [];
    if (!q.exact && !q.band) return [];
    return [{ name: s.key, members: s.members, exact: q.exact, band: q.band, pointOf: (c: number) => c + 1 }];
  });
}

suite('attack 3: subtraction in count tables', () => {
  it('the round is what the attack assumes', () => {
    const { h } = released();
    const all = h.releases[0]!.groups.find((g) => g.group === 'all')!.publication!;
    expect(all.sector!.importance![0]).toMatchObject({ kind: 'counts', counts: [0, 0, 0, 11, 16] });
  });

  it('publishes no count of 1..k−1 and no line whose hidden cells hold 1..k−1', () => {
    const { world } = released();
    const found = [...publishedCountProblems(world, importance), ...publishedCountProblems(world, stages)];
    expect(found, describe('published small counts', found)).toEqual([]);
  });

  it('region:4 (= 1) is neither published nor derivable by adding and subtracting (linear attacker)', () => {
    const { h, world } = released();
    const region = h.releases[0]!.groups.find((g) => g.group === 'sector:region')!.publication;
    expect(region?.sector?.importance?.[0]).not.toMatchObject({ counts: [0, 0, 0, 1, 6] });
    const found = linearCountAttack(world, importance);
    expect(found, describe('derivable small counts', found)).toEqual([]);
  });

  it('no small count follows from the published counts alone (integer attacker)', () => {
    const { world } = released();
    const { findings, tables } = integerCountAttack(world, importance);
    expect(tables).toBeGreaterThan(1);
    expect(findings, describe('counts every consistent table agrees on', findings)).toEqual([]);
  });

  it('stages: a cell equal to its group’s size does not give a smaller group’s counts away', () => {
    // Index follows the size band here, so best practice (8) is exactly the accelereret
    // organisations: best:accelereret = 8 = its size, rest:accelereret = 0. Everyone in best
    // practice is accelereret, so region ∩ best (2 organisations) is too.
    const { world } = released();
    const found = [...linearCountAttack(world, stages), ...integerCountAttack(world, stages).findings];
    expect(found, describe('derivable small counts', found)).toEqual([]);
  });

  it('no small count follows from the counts together with the peer quartiles of the same answer', () => {
    // Exact quartiles of why.importance from 3k organisations would be order statistics of
    // whole-point values, saying how many lie below them. Whatever the peer comparison shows of
    // that answer (src shows none, since it has a count table) goes to the integer attacker.
    const { h, world } = released();
    const facts = importanceQuartiles(h);
    const { findings } = integerCountAttack(world, importance, facts);
    expect(findings, describe('counts pinned down by counts + quartiles', findings)).toEqual([]);
  });
});

suite('attack 3: a suppressed sector next to a too-small one', () => {
  it('all − kommune is regions + the one state agency: no count of 1..k−1 there either', () => {
    // 15 kommuner, 5 regions and 1 state agency. Sector "stat" is too small, so "region" is
    // suppressed too (else all − kommune − region = stat). all and kommune are published, and
    // all:4 − kommune:4 is the non-kommune organisations in 4: 4 of 6.
    const kommuner = Array.from({ length: 15 }, (_, i) =>
      single('kommune', SIZES[i % 3]!, { v: 2 + (i % 3), importance: i < 7 ? 4 : 5 }),
    );
    const regions = Array.from({ length: 5 }, (_, i) =>
      single('region', SIZES[i % 3]!, { v: 2 + (i % 3), importance: i < 3 ? 4 : 5 }),
    );
    const h = new History().join(
      [...kommuner, ...regions, single('stat', 'large', { v: 4, importance: 4 })],
      1,
    );
    h.release();
    const world = { instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k };
    const region = h.releases[0]!.groups.find((g) => g.group === 'sector:region')!;
    const found = [...publishedCountProblems(world, importance), ...linearCountAttack(world, importance)];
    expect(
      found,
      describe(`derivable small counts (region is ${region.status}/${region.reason})`, found),
    ).toEqual([]);
  });
});

suite('attack 3: the count audit on its own (src/core/disclosure/count-audit.ts)', () => {
  it('a published 0 lets the attacker split a group (non-negativity), so no small count may follow', () => {
    // Units 0–9: kommune in best practice (5) and not (5), none in category c. Units 10–25: region,
    // 10–14 in best practice, all c; 15–25 outside, one c (unit 15), five d, five e.
    // Published: kommune, region, best. kommune:c = 0 empties kommune ∩ best, so best:c is
    // region ∩ best, and region:c − best:c = the regions outside best practice in c = 1.
    const C = { c: 0, d: 1, e: 2, quiet: 3 };
    const categoryOf: number[] = [];
    for (let u = 0; u < 10; u++) categoryOf.push(u % 2 === 0 ? C.d : C.e);
    for (let u = 10; u < 15; u++) categoryOf.push(C.c);
    categoryOf.push(C.c);
    for (let u = 16; u < 26; u++) categoryOf.push(u < 21 ? C.d : C.e);
    const units = categoryOf.map((_, u) => u);
    const kommune = units.slice(0, 10);
    const region = units.slice(10);
    const best = [...units.slice(0, 5), ...units.slice(10, 15)];
    const result = auditCounts({
      unitOf: units,
      categoryOf,
      categories: 4,
      quiet: new Set([C.quiet]),
      groups: [kommune, region, best],
      visible: new Map(),
      candidates: [1, 2, 0],
      hidden: [],
      versions: [],
      partitions: [],
      threshold: 5,
    });
    const shown = (g: number, c: number) => result.shown.get(g)?.has(c) ?? false;
    // The attacker needs kommune:c, region:c and best:c.
    const attack = shown(0, C.c) && shown(1, C.c) && shown(2, C.c);
    const count = (members: number[], c: number) => members.filter((u) => categoryOf[u] === c).length;
    const derived = count(region, C.c) - count(best, C.c) + 0 * count(kommune, C.c);
    expect(
      attack
        ? `published kommune:c=0, region:c=6, best:c=5 → regions outside best practice in c = ${derived}`
        : 'safe',
    ).toBe('safe');
  });
});
