/**
 * An organisation's result in one instrument as a headline (by hand: readiness per corner, the
 * no-owner flags; the index and stage for dt-offentlig), and the rule that points dt-offentlig's
 * data & security advice to the organisation's security-triangle result — with and without one.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdviceItem } from '../../src/core/advice/advise.ts';
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { resultHeadline } from '../../src/core/overview/headline.ts';
import { relatedResults, type OrganisationResult } from '../../src/core/overview/related.ts';
import { dtOffentlig, loadInstrument, ROOT } from '../helpers.ts';
import { peers } from '../reports/fixtures.ts';
import { TRIANGLE } from './overview-fixtures.ts';

const sec = loadInstrument(join(ROOT, 'instruments', 'sikkerhedstrekant.yaml'));
const hk = loadInstrument(join(ROOT, 'instruments', 'hk-pejlemaerker.yaml'));
const dt = dtOffentlig();

const advice = (id: string, recommendations: string[]): AdviceItem => ({
  kind: 'competency',
  id,
  score: 2,
  meanRank: 2,
  importance: 1,
  shortfall: 0.75,
  urgency: 0.75,
  recommendations,
});

const result = (instrument = sec, data: OrganisationData | null = TRIANGLE): OrganisationResult => ({
  instrument,
  round: 'sikkerhed-2026',
  roundTitle: { da: 'Sikkerhed 2026' },
  releasedAt: '2026-11-20T08:00:00.000Z',
  headline: data ? resultHeadline(instrument, data) : null,
});

describe('the headline of a result', () => {
  it('is readiness per corner and the raised no-owner flags for the security triangle', () => {
    const h = resultHeadline(sec, TRIANGLE);
    expect(h.index).toBeNull();
    expect(h.figure?.id).toBe('readiness');
    const v = Object.fromEntries(h.values.map((x) => [x.key, x.value]));
    // Each item's mean over the organisation's respondents (ja 1, delvist ½, nej 0), then the
    // corner over its answered items: processer c1 (1+1)/2, c2 (1+0)/2, c3 ½, c4 0 → 100 × 2/4 = 50
    expect(v.processer).toBeCloseTo(50, 9);
    // teknik c1 (1+½)/2 → 75; beredskab c1 (0+½)/2 → 25; brugere: no item answered
    expect(v.teknik).toBeCloseTo(75, 9);
    expect(v.beredskab).toBeCloseTo(25, 9);
    expect(v.brugere).toBeNull();
    // processer: one said "ingen"; beredskab: one said "ved-ikke"; the others are named
    expect(h.flags.map((f) => f.id)).toEqual(['noOwner.processer', 'noOwner.beredskab']);
    expect(h.respondents).toBe(2);
  });

  it('is the index and the stage for an instrument with an index', () => {
    const org = peers(6, 2)[0]!;
    const h = resultHeadline(dt, org);
    expect(h.index).not.toBeNull();
    expect(h.stage).not.toBeNull();
    expect(h.figure).toBeNull();
    expect(h.flags).toEqual([]);
  });

  it('is the six bearings for the staff bearings', () => {
    const h = resultHeadline(hk, { name: 'X', sector: 'kommune', respondents: [{ id: 'a', answers: {} }] });
    expect(h.values.map((x) => x.key)).toEqual([
      'opgaver',
      'mangfoldighed',
      'data',
      'retssikkerhed',
      'styrker',
      'ledelse',
    ]);
  });
});

describe('advice → the related result', () => {
  it('points the data & security advice (recommendation security) to the triangle result', () => {
    const items = [advice('leadership', ['horizon', 'budget']), advice('data', ['data-sharing', 'security'])];
    const related = relatedResults(dt, items, [result()]);
    expect(related).toHaveLength(1);
    expect(related[0]).toMatchObject({ advice: 'data', recommendations: ['security'] });
    expect(related[0]!.result.headline.flags.map((f) => f.id)).toEqual([
      'noOwner.processer',
      'noOwner.beredskab',
    ]);
  });

  it('points nowhere without a triangle result, or with one not released yet', () => {
    const items = [advice('data', ['data-sharing', 'security'])];
    expect(relatedResults(dt, items, [])).toEqual([]);
    expect(relatedResults(dt, items, [result(sec, null)])).toEqual([]);
    // an instrument that follows up no advice of dt-offentlig
    expect(
      relatedResults(dt, items, [result(hk, { name: 'X', sector: 'kommune', respondents: [] })]),
    ).toEqual([]);
  });

  it('points nowhere when the security recommendation is not part of the advice', () => {
    expect(relatedResults(dt, [advice('data', ['data-sharing'])], [result()])).toEqual([]);
  });

  it('is declared in the triangle file, for dt-offentlig recommendations that exist', () => {
    expect(sec.def.relatedAdvice).toEqual([{ instrument: 'dt-offentlig', recommendations: ['security'] }]);
    const security = dt.def.recommendations.find((r) => r.id === 'security');
    expect(security?.appliesTo).toContain('data');
  });
});
