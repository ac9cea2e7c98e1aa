/**
 * Attack 6: overlapping groups. Groups of different kinds (sector, size band, most similar,
 * best practice) or of different releases that differ by fewer than k organisations give the
 * few in between away by comparison — even quartiles, which cannot be subtracted, move when a
 * few members change. Every pair of visible publications, over all releases, is checked.
 */
import { describe as suite, expect, it } from 'vitest';
import { overlapProblems } from './lib/checks.ts';
import { describe } from './lib/report.ts';
import { DT, History, indexed, type OrgSpec } from './lib/world.ts';

const world = (h: History) => ({ instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k });

const many = (n: number, f: (i: number) => OrgSpec) => Array.from({ length: n }, (_, i) => f(i));

suite('attack 6: overlapping groups', () => {
  it('sector vs size band: six small state agencies and one small kommune', () => {
    const h = new History();
    h.join(
      [
        ...many(6, (i) => indexed('stat', 'small', 10 + i)),
        indexed('kommune', 'small', 3),
        ...many(14, (i) => indexed('kommune', i % 2 ? 'medium' : 'large', 2 + i)),
        ...many(5, (i) => indexed('region', 'large', 20 + i)),
      ],
      1,
    ).release();
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('sector vs best practice: the top quarter is the state agencies and one more', () => {
    const h = new History();
    h.join(
      [
        ...many(6, (i) => indexed('stat', 'medium', 22 + i)),
        indexed('region', 'medium', 28),
        ...many(14, (i) => indexed('kommune', 'small', 1 + i)),
        ...many(7, (i) => indexed('region', 'large', 3 + i)),
      ],
      1,
    ).release();
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('sector vs most similar: a cluster that is a sector plus a few', () => {
    const h = new History();
    h.join(
      [
        ...many(9, (i) => indexed('region', 'large', 5 + i)),
        ...many(2, (i) => ({ ...indexed('region', 'large', 12 + i), type: 'hospital' })),
        ...many(12, (i) => indexed('kommune', 'small', 1 + i)),
        ...many(3, (i) => indexed('stat', 'large', 15 + i)),
      ],
      1,
    ).release();
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });

  it('across releases: a group before and another group after that differ by a few', () => {
    const h = new History();
    h.join(
      [
        ...many(12, (i) => indexed('kommune', 'medium', 1 + i)),
        ...many(6, (i) => indexed('region', 'large', 10 + i)),
      ],
      1,
    );
    h.release();
    // Region grows by four large kommuner' worth of changes elsewhere; size:large moves with them.
    h.join(
      many(4, (i) => indexed('kommune', 'large', 14 + i)),
      19,
    );
    h.set(1, indexed('kommune', 'medium', 27));
    h.release();
    h.join(
      many(2, (i) => indexed('region', 'large', 20 + i)),
      23,
    );
    h.release();
    const found = overlapProblems(world(h));
    expect(found, describe('overlapping publications', found)).toEqual([]);
  });
});
