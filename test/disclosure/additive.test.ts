/**
 * Attack 4: means × n are sums. From every published mean (and every publication's respondents)
 * the attacker solves exactly for any combination over fewer than k organisations: one
 * organisation's value, the total of a hidden small group, what a few changed between releases.
 * An insider also subtracts their own organisation's values.
 */
import { describe as suite, expect, it } from 'vitest';
import { additiveAttack, sumSystems } from './lib/additive.ts';
import { describe } from './lib/report.ts';
import { DT, History, single, type OrgSpec } from './lib/world.ts';

const SIZES = ['small', 'medium', 'large'];
const world = (h: History) => ({ instrument: DT, versions: h.versions, releases: h.releases, k: h.policy.k });
const orgIds = (h: History) => [...new Set(h.versions.map((v) => v.organisation))];

/** Organisations with values spread out, so any derived value is recognisably one of them. */
const org = (sector: string, i: number, size = SIZES[i % 3]!): OrgSpec =>
  single(sector, size, {
    v: 1 + (i % 5),
    importance: 1 + ((i * 3) % 5),
    comp: [1, 2, 3, 4, 5, 1, 2].map((x) => 1 + ((x + i) % 5)),
    effort: [1 + (i % 4), 2, 1 + ((i * 7) % 5), 3],
    budget: 3 + i * 4,
  });

suite('attack 4: the additive linear attacker', () => {
  it('finds no sum over fewer than k organisations in one release (outsider and every insider)', () => {
    const h = new History();
    const specs = [
      ...Array.from({ length: 20 }, (_, i) => org('kommune', i)),
      ...Array.from({ length: 7 }, (_, i) => org('region', 20 + i)),
    ];
    h.join(specs, 1).release();
    expect(sumSystems(world(h)).length).toBeGreaterThan(1);
    const found = additiveAttack(world(h), orgIds(h));
    expect(found, describe('sums over fewer than k organisations', found)).toEqual([]);
  });

  it('a hidden small sector (2 organisations) is not all − the other sectors', () => {
    const h = new History();
    const specs = [
      ...Array.from({ length: 20 }, (_, i) => org('kommune', i)),
      ...Array.from({ length: 6 }, (_, i) => org('region', 20 + i)),
      ...Array.from({ length: 2 }, (_, i) => org('stat', 26 + i)),
    ];
    h.join(specs, 1).release();
    const found = additiveAttack(world(h), orgIds(h));
    expect(found, describe('sums over fewer than k organisations', found)).toEqual([]);
  });

  it('across releases: no combination of before and after isolates the few who changed', () => {
    const h = new History();
    h.join(
      [
        ...Array.from({ length: 20 }, (_, i) => org('kommune', i)),
        ...Array.from({ length: 6 }, (_, i) => org('region', 20 + i)),
      ],
      1,
    ).release();
    // Five kommuner join (kommune and all refresh); one region answers again (region keeps).
    h.join(
      Array.from({ length: 5 }, (_, i) => org('kommune', 40 + i)),
      27,
    );
    h.set(21, {
      ...org('region', 33),
      people: [{ v: 2 }, { v: 3, role: 'forretning' }, { v: 4, role: 'it' }],
    });
    h.release();
    // Then four more kommuner and two regions change.
    for (const o of [1, 2, 3, 4]) h.set(o, org('kommune', 50 + o));
    h.set(22, org('region', 61)).set(23, org('region', 62));
    h.release();
    const found = additiveAttack(world(h), orgIds(h));
    expect(found, describe('sums over fewer than k organisations', found)).toEqual([]);
  });

  it('an insider of a group of exactly k learns no single other organisation', () => {
    const h = new History();
    h.join(
      [
        ...Array.from({ length: 15 }, (_, i) => org('kommune', i)),
        ...Array.from({ length: 5 }, (_, i) => org('region', 15 + i)),
      ],
      1,
    ).release();
    h.set(16, org('region', 40)).set(17, org('region', 41)).set(18, org('region', 42));
    h.set(19, org('region', 43)).set(20, org('region', 44));
    h.release();
    const found = additiveAttack(world(h), orgIds(h));
    expect(found, describe('sums over fewer than k organisations', found)).toEqual([]);
  });
});
