/**
 * The portfolio across organisations under attack (k = 3, four organisations in a sector).
 * The attacker sees every cell ever published (the log: what the analyst's answers were made
 * of) and, stronger than the ratios we show, is assumed to know each published cell's sums:
 * realised and expected to date, booked and all initiatives, booked and all expected DKK. They
 * try to recover one organisation's realisation rate by differencing sector against everyone,
 * a track against the total, and before against after an organisation joins or changes.
 * The exact rational attacker of test/disclosure/lib/exact.ts is independent of the modular
 * arithmetic the audit uses.
 */
import { describe as suite, expect, it } from 'vitest';
import {
  organisationSums,
  portfolioAcross,
  type Cell,
  type OrganisationSums,
  type Publication,
} from '../../src/core/portfolio/across.ts';
import { DEFAULT_SETTINGS } from '../../src/core/portfolio/settings.ts';
import type { Initiative, Realisation, Track } from '../../src/core/portfolio/types.ts';
import { combinationOf, smallCombination, toRow } from './lib/exact.ts';
import { describe } from './lib/report.ts';

const K = 3;
const AS_OF = '2026-06';

/** An organisation with one initiative in each track given; amounts spread out per organisation. */
function org(id: number, sector: string, tracks: readonly Track[], realisedBoost = 0): OrganisationSums {
  const initiatives: Initiative[] = tracks.map((track, n) => ({
    organisation: `o${id}`,
    initiative: `${track}-${id}`,
    track,
    owner: 'Anna',
    status: 'i-drift',
    competency: null,
    start: '2026-01',
    investmentDkk: 0,
    runningCostDkkPerYear: 0,
    expectedHoursPerYear: 10 * id,
    expectedDkkPerYear: 12_000 * (id + n),
    gainsBooked: (id + n) % 2 === 0,
    budgetYear: (id + n) % 2 === 0 ? 2026 : null,
  }));
  const realisations: Realisation[] = initiatives.map((i, n) => ({
    organisation: i.organisation,
    initiative: i.initiative,
    month: '2026-03',
    realisedDkk: 1_000 * id + 137 * n + realisedBoost,
    realisedHours: n,
  }));
  return organisationSums(id, sector, initiatives, realisations, AS_OF, DEFAULT_SETTINGS);
}

/** Columns: every contribution (organisation, track, version) any publication holds. */
function attackerSystem(log: readonly Publication[]) {
  const columns = [...new Set(log.flatMap((p) => p.members))].sort();
  const index = new Map(columns.map((c, j) => [c, j]));
  const rows = log.map((p) => {
    const r = new Array<number>(columns.length).fill(0);
    for (const m of p.members) r[index.get(m)!] = 1;
    return toRow(r);
  });
  const units = columns.map((c) => [Number(c.split('|')[0])]);
  return { columns, rows, units };
}

/** Can the attacker get this organisation's sums (in one track, or all of them) from the log? */
function recovers(log: readonly Publication[], organisation: number, track?: Track): boolean {
  const { columns, rows } = attackerSystem(log);
  const target = toRow(
    columns.map((c) => {
      const [o, t] = c.split('|');
      return Number(o) === organisation && (track === undefined || t === track) ? 1 : 0;
    }),
  );
  if (target.every((x) => x === 0n)) return false;
  return combinationOf(rows, target) !== null;
}

/** Runs the figures as the service does: the log grows by what each answer published. */
class Analyst {
  log: Publication[] = [];
  answer(orgs: readonly OrganisationSums[]): readonly Cell[] {
    const r = portfolioAcross({ organisations: orgs, previous: this.log, k: K, asOf: AS_OF });
    this.log.push(...r.publications);
    // Every value shown comes from the log: nothing reaches the analyst that the attacker lacks.
    for (const c of r.cells)
      if (c.values)
        expect(
          this.log.some((p) => p.cell === `${c.scope}/${c.track}` && sameValues(p.values, c.values!)),
        ).toBe(true);
    return r.cells;
  }
  noSmallCombination(): void {
    const { rows, units } = attackerSystem(this.log);
    const found = smallCombination(rows, units, K);
    expect(found, describe('a sum over fewer than k organisations', found ? [found] : [])).toBeNull();
  }
}

const sameValues = (a: Publication['values'], b: Publication['values']) =>
  a.realisation === b.realisation &&
  a.bookedInitiatives === b.bookedInitiatives &&
  a.bookedDkk === b.bookedDkk;

const shown = (cells: readonly Cell[], scope: string, track: string) =>
  cells.find((c) => c.scope === scope && c.track === track && c.values !== null);

suite('attack: the portfolio across organisations (k = 3)', () => {
  // Four organisations in kommune, all in must-have solutions and prerequisites; organisation 1
  // alone has a must-address challenge; organisation 5 alone in region.
  const kommune = [
    org(1, 'kommune', ['skal-loesninger', 'forudsaetninger', 'skal-udfordringer']),
    org(2, 'kommune', ['skal-loesninger', 'forudsaetninger']),
    org(3, 'kommune', ['skal-loesninger', 'forudsaetninger']),
    org(4, 'kommune', ['skal-loesninger', 'forudsaetninger']),
  ];
  const region = org(5, 'region', ['skal-loesninger']);

  it('sector against everyone: the lone region organisation’s rate is not everyone − kommune', () => {
    const a = new Analyst();
    const cells = a.answer([...kommune, region]);
    expect(shown(cells, 'all', 'total')).toBeDefined();
    // everyone − kommune = organisation 5: at most one of the two is published, per track.
    for (const track of ['total', 'skal-loesninger'])
      expect(Boolean(shown(cells, 'all', track)) && Boolean(shown(cells, 'sector:kommune', track))).toBe(
        false,
      );
    expect(shown(cells, 'sector:region', 'total')).toBeUndefined();
    expect(recovers(a.log, 5)).toBe(false);
    expect(recovers(a.log, 5, 'skal-loesninger')).toBe(false);
    a.noSmallCombination();
  });

  it('a track against the total: organisation 1’s must-address challenge is not total − the other tracks', () => {
    const a = new Analyst();
    const cells = a.answer(kommune);
    // With only kommune, everyone is kommune: the cells published are the same sets.
    expect(shown(cells, 'all', 'total')).toBeDefined();
    expect(shown(cells, 'all', 'skal-udfordringer')).toBeUndefined();
    const trio = ['total', 'skal-loesninger', 'forudsaetninger'].map((t) => Boolean(shown(cells, 'all', t)));
    expect(trio.every(Boolean)).toBe(false);
    expect(recovers(a.log, 1, 'skal-udfordringer')).toBe(false);
    for (const id of [1, 2, 3, 4]) expect(recovers(a.log, id)).toBe(false);
    a.noSmallCombination();
  });

  it('before and after an organisation joins: the newcomer’s rate is not after − before', () => {
    const a = new Analyst();
    const before = a.answer([...kommune, region]);
    const newcomer = org(6, 'kommune', ['skal-loesninger', 'forudsaetninger']);
    const after = a.answer([...kommune, newcomer, region]);
    // What was shown before is shown again, saying it is earlier, never the new sum.
    for (const c of after) {
      const was = before.find((b) => b.scope === c.scope && b.track === c.track);
      if (c.values && was?.values) {
        expect(c.status).toBe('earlier');
        expect(c.values).toEqual(was.values);
      }
    }
    expect(recovers(a.log, 6)).toBe(false);
    expect(recovers(a.log, 6, 'skal-loesninger')).toBe(false);
    a.noSmallCombination();
  });

  it('before and after one organisation changes its realised gains: the change is not after − before', () => {
    const a = new Analyst();
    a.answer(kommune);
    const changed = [
      org(1, 'kommune', ['skal-loesninger', 'forudsaetninger', 'skal-udfordringer'], 999),
      ...kommune.slice(1),
    ];
    const after = a.answer(changed);
    expect(after.filter((c) => c.status === 'shown')).toEqual([]);
    a.noSmallCombination();
    // Once three of them have changed, the figures may move on.
    const three = [
      org(1, 'kommune', ['skal-loesninger', 'forudsaetninger', 'skal-udfordringer'], 999),
      org(2, 'kommune', ['skal-loesninger', 'forudsaetninger'], 555),
      org(3, 'kommune', ['skal-loesninger', 'forudsaetninger'], 333),
      kommune[3]!,
    ];
    const later = a.answer(three);
    expect(shown(later, 'all', 'total')).toMatchObject({ status: 'shown' });
    a.noSmallCombination();
    for (const id of [1, 2, 3, 4]) expect(recovers(a.log, id)).toBe(false);
  });

  it('a sweep: every sequence of joins and changes leaves no sum over fewer than k organisations', () => {
    const a = new Analyst();
    let orgs: OrganisationSums[] = [...kommune];
    const steps: (() => OrganisationSums[])[] = [
      () => [...orgs, region],
      () => [...orgs, org(6, 'kommune', ['skal-loesninger'])],
      () =>
        orgs.map((o) =>
          o.organisation === 2 ? org(2, 'kommune', ['skal-loesninger', 'forudsaetninger'], 7) : o,
        ),
      () => [
        ...orgs,
        org(7, 'region', ['skal-loesninger', 'forudsaetninger']),
        org(8, 'region', ['skal-loesninger']),
      ],
      () => orgs.filter((o) => o.organisation !== 3),
      () =>
        orgs.map((o) => org(o.organisation, o.sector, Object.keys(o.tracks) as Track[], 11 * o.organisation)),
    ];
    for (const step of steps) {
      orgs = step();
      a.answer(orgs);
      a.noSmallCombination();
    }
    expect(a.log.length).toBeGreaterThan(1);
  });
});
