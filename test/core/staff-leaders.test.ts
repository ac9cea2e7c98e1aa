/**
 * The staff's bearings, staff vs leaders:
 * - in the organisation's report the largest disagreement comes first — with unequal gaps, so
 *   that the order is a real finding, not ties in the instrument's order;
 * - across the round the figure respects the respondent minimum on the pooled groups (staff of
 *   all compared organisations together, leaders together), checked at the minimum ± 1 for
 *   either group, not only on each organisation's groups.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OrganisationData, RespondentData } from '../../src/core/exchange/types.ts';
import { compareGroups } from '../../src/core/figures/compare.ts';
import { releaseOfOrganisations } from '../../src/core/release/build.ts';
import { sectorFiguresJson } from '../../src/core/release/read.ts';
import { comparisonSections } from '../../src/reports/organisation/model/advice.ts';
import { loadInstrument, ROOT } from '../helpers.ts';

const hk = loadInstrument(join(ROOT, 'instruments', 'hk-pejlemaerker.yaml'));
const BEARINGS = ['opgaver', 'mangfoldighed', 'data', 'retssikkerhed', 'styrker', 'ledelse'] as const;
type Bearing = (typeof BEARINGS)[number];

function respondent(id: string, role: string, values: Record<Bearing, number>): RespondentData {
  const answers: Record<string, string | number> = { 'profile.role': role };
  for (const b of BEARINGS) {
    answers[`hk.${b}.q1`] = values[b];
    answers[`hk.${b}.q2`] = values[b];
  }
  return { id, answers };
}

const flat = (v: number): Record<Bearing, number> =>
  Object.fromEntries(BEARINGS.map((b) => [b, v])) as Record<Bearing, number>;

describe('the staff bearings report: the largest disagreement first', () => {
  // Staff − leaders per bearing: opgaver −0.5, mangfoldighed −2.5, data +1, retssikkerhed −1.5,
  // styrker 0 (under the 0.5 threshold), ledelse +2 (means over three of each, by hand).
  const staff: Record<Bearing, number> = {
    opgaver: 3,
    mangfoldighed: 2,
    data: 4,
    retssikkerhed: 2,
    styrker: 3,
    ledelse: 5,
  };
  const leaders: Record<Bearing, number> = {
    opgaver: 3.5,
    mangfoldighed: 4.5,
    data: 3,
    retssikkerhed: 3.5,
    styrker: 3,
    ledelse: 3,
  };
  // A half point: each leader answers (q1, q2) = (⌊x⌋, ⌈x⌉), so the bearing's mean is x exactly.
  const leader = (id: string, role: string): RespondentData => {
    const answers: Record<string, string | number> = { 'profile.role': role };
    for (const b of BEARINGS) {
      answers[`hk.${b}.q1`] = Math.floor(leaders[b]);
      answers[`hk.${b}.q2`] = Math.ceil(leaders[b]);
    }
    return { id, answers };
  };
  const org: OrganisationData = {
    name: 'Fjordby Kommune',
    sector: 'kommune',
    respondents: [
      respondent('s1', 'medarbejder', staff),
      respondent('s2', 'tillidsrepraesentant', staff),
      respondent('s3', 'medarbejder', staff),
      leader('l1', 'mellemleder'),
      leader('l2', 'topleder'),
      leader('l3', 'mellemleder'),
    ],
  };
  const comparison = compareGroups(hk, hk.comparisons[0]!, org.respondents);

  it('orders the bearings by the size of the gap, whatever its sign', () => {
    const bearings = comparison.parts.find((p) => p.part === 'measures')!;
    expect(bearings.rows.map((r) => r.id)).toEqual([
      'bearing.mangfoldighed',
      'bearing.ledelse',
      'bearing.retssikkerhed',
      'bearing.data',
      'bearing.opgaver',
    ]);
    expect(bearings.rows.map((r) => r.difference)).toEqual([-2.5, 2, -1.5, 1, -0.5]);
    // who sees it brighter: staff (0) where the difference is positive, leaders (1) where negative
    expect(bearings.rows.map((r) => r.higher)).toEqual([1, 0, 1, 0, 1]);
    // styrker: no disagreement, not listed
    expect(comparison.rows.find((r) => r.id === 'bearing.styrker')).toMatchObject({
      difference: 0,
      flagged: false,
    });
  });

  it('keeps the order in the report model, in words', () => {
    const [section] = comparisonSections(hk, [comparison], { 'staff-leaders': { status: 'shown' } }, 3, 'da');
    expect(section!.status).toBe('ok');
    const part = section!.parts.find((p) => p.part === 'measures')!;
    expect(part.rows.map((r) => r.label)).toEqual([
      'Digitalisering er mange ting',
      'Ledere, der siger, hvor vi skal hen',
      'Retssikkerhed og en person at tale med',
      'Data med et formål',
      'Opgaver forsvinder, nye kommer',
    ]);
    // Single questions: the leaders' (⌊x⌋, ⌈x⌉) make the items' gaps unequal too — mangfoldighed
    // q2 −3; then −2/+2 (ties by id); then ±1; opgaver q1 and styrker (0) are not listed.
    const questions = section!.parts.find((p) => p.part === 'questions')!;
    expect(questions.rows.map((r) => r.id)).toEqual([
      'hk.mangfoldighed.q2',
      'hk.ledelse.q1',
      'hk.ledelse.q2',
      'hk.mangfoldighed.q1',
      'hk.retssikkerhed.q2',
      'hk.data.q1',
      'hk.data.q2',
      'hk.opgaver.q2',
      'hk.retssikkerhed.q1',
    ]);
    expect(questions.rows.map((r) => r.difference)).toEqual([-3, 2, 2, -2, -2, 1, 1, -1, -1]);
  });
});

describe('the round-wide staff − leaders figure under the pooled respondent minimum', () => {
  const M = 5;
  /** Four organisations with `staff[i]` staff answering 2 and `leaders[i]` leaders answering 4. */
  function round(staff: number[], leaders: number[]): OrganisationData[] {
    return staff.map((s, i) => ({
      name: `Org ${i}`,
      sector: 'kommune',
      respondents: [
        ...Array.from({ length: s }, (_, j) => respondent(`s${i}-${j}`, 'medarbejder', flat(2))),
        ...Array.from({ length: leaders[i]! }, (_, j) => respondent(`l${i}-${j}`, 'mellemleder', flat(4))),
      ],
    }));
  }
  const figure = (orgs: OrganisationData[]) => {
    const release = releaseOfOrganisations(hk, orgs, { k: 3, respondentMin: M }, '2026-12-02T00:00:00.000Z');
    return sectorFiguresJson(hk, 'r', release) as unknown as {
      bearings: Record<string, number | null>;
      staffLeaders: {
        organisations: number | null;
        rows: Record<string, { staff: number | null; leaders: number | null; difference: number | null }>;
      };
    };
  };

  it('is withheld with the leaders pooled one below the minimum', () => {
    const out = figure(round([3, 3, 3, 3], [1, 1, 1, 1]));
    expect(out.staffLeaders.rows['bearing.ledelse']).toMatchObject({
      staff: null,
      leaders: null,
      difference: null,
    });
    // every row of the comparison: the pool is the same for all
    for (const row of Object.values(out.staffLeaders.rows)) expect(row.difference).toBeNull();
    // the round's other figures are not affected
    expect(out.bearings.ledelse).toBeCloseTo((2 * 12 + 4 * 4) / 16, 12);
  });

  it('is shown with the leaders pooled at the minimum', () => {
    const out = figure(round([3, 3, 3, 3], [1, 1, 1, 2]));
    const row = out.staffLeaders.rows['bearing.ledelse']!;
    expect(row.staff).toBeCloseTo(2, 12);
    expect(row.leaders).toBeCloseTo(4, 12);
    expect(row.difference).toBeCloseTo(-2, 12);
    expect(out.staffLeaders.organisations).toBe(4);
  });

  it('holds for the staff pool too, at the minimum ± 1', () => {
    const below = figure(round([1, 1, 1, 1], [3, 3, 3, 3]));
    expect(below.staffLeaders.rows['bearing.data']!.difference).toBeNull();
    const at = figure(round([1, 1, 1, 2], [3, 3, 3, 3]));
    expect(at.staffLeaders.rows['bearing.data']!.difference).toBeCloseTo(-2, 12);
  });

  it('never publishes a pooled group below the minimum (attacker sweep over random rounds)', () => {
    // 60 rounds of 3–6 organisations with 0–3 staff and 0–3 leaders each, m from 2 to 8: every
    // published row of the whole round comes from at least m staff and m leaders pooled over
    // the organisations with both groups, and from at least k of them.
    const sizes = fc.sample(
      fc.record({
        m: fc.integer({ min: 2, max: 8 }),
        orgs: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })), {
          minLength: 3,
          maxLength: 6,
        }),
      }),
      { numRuns: 60, seed: 15 },
    );
    let shown = 0;
    let withheld = 0;
    for (const { m, orgs } of sizes) {
      const data = round(
        orgs.map(([s]) => s),
        orgs.map(([, l]) => l),
      );
      const release = releaseOfOrganisations(
        hk,
        data,
        { k: 3, respondentMin: m },
        '2026-12-02T00:00:00.000Z',
      );
      const json = sectorFiguresJson(hk, 'r', release) as unknown as {
        staffLeaders?: { rows: Record<string, { difference: number | null }> };
      } | null;
      // null: the round itself has fewer than k organisations with answers
      const row = json?.staffLeaders?.rows['bearing.ledelse'];
      const both = orgs.filter(([s, l]) => s > 0 && l > 0);
      const staff = both.reduce((n, [s]) => n + s, 0);
      const leaders = both.reduce((n, [, l]) => n + l, 0);
      if (row?.difference != null) {
        shown++;
        expect(both.length).toBeGreaterThanOrEqual(3);
        expect(staff).toBeGreaterThanOrEqual(m);
        expect(leaders).toBeGreaterThanOrEqual(m);
      } else withheld++;
    }
    // the sweep exercises both outcomes
    expect(shown).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  });
});
