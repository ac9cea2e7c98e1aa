/**
 * The three instruments of issue 15 through the generic engine: scored choices (readiness),
 * flags (no named owner), text and conditional items, action shares, staff vs leaders.
 * Every expected number is worked out by hand in the comments.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileInstrumentText } from '../../src/core/instrument/compile.ts';
import { organisationFlags } from '../../src/core/flags/flags.ts';
import { scoreOrganisation } from '../../src/core/scoring/organisation.ts';
import { scoreRespondent } from '../../src/core/scoring/respondent.ts';
import { parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import { exchangeHeader } from '../../src/core/exchange/rows.ts';
import { loadInstrument, orgsFromCsv, rawFigures, ROOT } from '../helpers.ts';

const load = (id: string) => loadInstrument(join(ROOT, 'instruments', `${id}.yaml`));
const sec = load('sikkerhedstrekant');
const sq = load('strategiske-spoergsmaal');
const hk = load('hk-pejlemaerker');

/** A CSV of the instrument from rows of { organisation, sector, respondent, ...answers }. */
function csvOf(instrument: typeof sec, rows: Record<string, string>[]): string {
  const header = exchangeHeader(instrument);
  return [header.join(','), ...rows.map((r) => header.map((h) => r[h] ?? '').join(','))].join('\n');
}

describe('contract ids', () => {
  it('has the contract answer ids of every instrument', () => {
    for (const c of ['processer', 'teknik', 'brugere', 'beredskab']) {
      expect(sec.slotById.get(`sec.${c}.owner`)?.kind).toBe('choice');
      for (let i = 1; i <= 4; i++) {
        expect(sec.slotById.get(`sec.${c}.c${i}`)?.kind).toBe('choice');
        expect(sec.slotById.get(`sec.${c}.c${i}.evidence`)?.kind).toBe('text');
      }
    }
    for (const q of [
      'integration',
      'enkelhed',
      'tilpasning',
      'relevans',
      'udviklingsrum',
      'mindset',
      'dagsorden',
    ]) {
      expect(sq.slotById.get(`sq.${q}.state`)?.kind).toBe('scale');
      expect(sq.slotById.get(`sq.${q}.note`)?.kind).toBe('text');
      expect(sq.answerIds.filter((id) => id.startsWith(`sq.${q}.action.`)).length).toBeGreaterThanOrEqual(3);
    }
    for (const b of ['opgaver', 'mangfoldighed', 'data', 'retssikkerhed', 'styrker', 'ledelse'])
      for (const q of ['q1', 'q2']) expect(hk.slotById.get(`hk.${b}.${q}`)?.kind).toBe('scale');
  });
});

describe('readiness (scored choices) and no-owner flags', () => {
  it('is 100 × (ja + ½·delvist) ÷ answered items for one respondent', () => {
    // processer: ja, delvist, nej, (blank) → 100 × (1 + 0.5) / 3 = 50
    // teknik: delvist ×4 → 50; brugere: nothing answered → null; beredskab: ja ×5 → 100
    const [org] = orgsFromCsv(
      sec,
      csvOf(sec, [
        {
          organisation: 'A',
          sector: 'kommune',
          respondent: 'r1',
          'sec.processer.owner': 'direktion',
          'sec.processer.c1': 'ja',
          'sec.processer.c2': 'delvist',
          'sec.processer.c3': 'nej',
          'sec.teknik.owner': 'ved-ikke',
          'sec.teknik.c1': 'delvist',
          'sec.teknik.c2': 'delvist',
          'sec.teknik.c3': 'delvist',
          'sec.teknik.c4': 'delvist',
          'sec.beredskab.owner': 'ingen',
          ...Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`sec.beredskab.c${i}`, 'ja'])),
          'sec.processer.c1.evidence': 'Referat 3. marts',
        },
      ]),
    );
    const s = scoreOrganisation(sec, org!);
    expect(s.values['readiness.processer']).toBeCloseTo(50, 12);
    expect(s.values['readiness.teknik']).toBeCloseTo(50, 12);
    expect(s.values['readiness.brugere']).toBeNull();
    expect(s.values['readiness.beredskab']).toBeCloseTo(100, 12);
    // overall: mean of the corners with a value = (50 + 50 + 100) / 3
    expect(s.values['readiness.overall']).toBeCloseTo(200 / 3, 12);
    expect(scoreRespondent(sec, org!.respondents[0]!.answers)['readiness.processer']).toBeCloseTo(50, 12);
    const flags = Object.fromEntries(
      organisationFlags(sec.def.flags, org!.respondents).map((f) => [f.id, f.raised]),
    );
    expect(flags).toEqual({
      'noOwner.processer': false,
      'noOwner.teknik': true, // ved-ikke
      'noOwner.brugere': null, // nobody answered
      'noOwner.beredskab': true, // ingen
    });
  });

  it('averages each item over the respondents first, and flags when any respondent names no owner', () => {
    // r1: c1 ja, c2 ja; r2: c1 nej, c2 delvist, c3 ja → item means 0.5, 0.75, 1 → 75
    const [org] = orgsFromCsv(
      sec,
      csvOf(sec, [
        {
          organisation: 'B',
          sector: 'stat',
          respondent: 'r1',
          'sec.processer.owner': 'it-chef',
          'sec.processer.c1': 'ja',
          'sec.processer.c2': 'ja',
        },
        {
          organisation: 'B',
          sector: 'stat',
          respondent: 'r2',
          'sec.processer.owner': 'ved-ikke',
          'sec.processer.c1': 'nej',
          'sec.processer.c2': 'delvist',
          'sec.processer.c3': 'ja',
        },
      ]),
    );
    expect(scoreOrganisation(sec, org!).values['readiness.processer']).toBeCloseTo(75, 12);
    expect(organisationFlags(sec.def.flags, org!.respondents)[0]!.raised).toBe(true);
  });

  it('publishes the share of organisations with no named owner and never any text', () => {
    const rows = ['direktion', 'ingen', 'ved-ikke', 'it-chef', 'dpo'].map((owner, i) => ({
      organisation: `O${i}`,
      sector: 'kommune',
      respondent: 'r1',
      'sec.beredskab.owner': owner,
      'sec.beredskab.c1': 'ja',
      'sec.beredskab.c1.evidence': `SECRET-${i}`,
    }));
    const figures = rawFigures(sec, 't', orgsFromCsv(sec, csvOf(sec, rows)));
    // 2 of 5 organisations (ingen, ved-ikke) → 0.4
    expect((figures as unknown as Record<string, Record<string, number>>).noOwner!.beredskab).toBeCloseTo(
      0.4,
      12,
    );
    expect(JSON.stringify(figures)).not.toMatch(/SECRET/);
  });
});

describe('bad input', () => {
  it('rejects evidence on a nej item with row and column', () => {
    const r = parseExchangeCsv(
      sec,
      csvOf(sec, [
        {
          organisation: 'A',
          sector: 'stat',
          respondent: 'r1',
          'sec.teknik.c2': 'nej',
          'sec.teknik.c2.evidence': 'x',
        },
      ]),
      'f.csv',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]).toMatchObject({ row: 2, column: 'sec.teknik.c2.evidence' });
  });

  it('rejects a wrong status code and an unknown role with row and column', () => {
    const bad = parseExchangeCsv(
      sq,
      csvOf(sq, [
        { organisation: 'A', sector: 'stat', respondent: 'r1' },
        { organisation: 'A', sector: 'stat', respondent: 'r2', 'sq.mindset.action.fejl': 'done' },
      ]),
      'f.csv',
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ row: 3, column: 'sq.mindset.action.fejl' });
    const role = parseExchangeCsv(
      hk,
      csvOf(hk, [{ organisation: 'A', sector: 'stat', respondent: 'r1', 'profile.role': 'chef' }]),
      'f.csv',
    );
    expect(role.ok).toBe(false);
    if (!role.ok) expect(role.problems[0]).toMatchObject({ row: 2, column: 'profile.role' });
  });

  it('refuses scores on some options only, on a multiple choice, and flags on unknown options', () => {
    const base = (items: string, extra = '') => `format: pejling-instrument/1
id: t
version: 1.0.0
title: { da: T }
description: { da: T }
source: { da: T }
minutes: 1
sections:
  - id: s
    title: { da: S }
    items:
${items}
${extra}`;
    const partial = compileInstrumentText(
      base(
        `      - { id: a, type: choice, text: { da: A }, options: [{ value: ja, label: { da: Ja }, score: 1 }, { value: nej, label: { da: Nej } }] }`,
      ),
      't.yaml',
    );
    expect(partial.ok).toBe(false);
    if (!partial.ok) expect(partial.problems[0]!.message).toMatch(/every option has a score or none/);
    const multi = compileInstrumentText(
      base(
        `      - { id: a, type: choice, multiple: true, text: { da: A }, options: [{ value: ja, label: { da: Ja }, score: 1 }, { value: nej, label: { da: Nej }, score: 0 }] }`,
      ),
      't.yaml',
    );
    expect(multi.ok).toBe(false);
    const flag = compileInstrumentText(
      base(
        `      - { id: a, type: choice, text: { da: A }, options: [{ value: ja, label: { da: Ja } }, { value: nej, label: { da: Nej } }] }`,
        `flags: [{ id: f, label: { da: F }, text: { da: F }, item: a, in: [maybe] }]`,
      ),
      't.yaml',
    );
    expect(flag.ok).toBe(false);
    if (!flag.ok) expect(flag.problems[0]!.message).toMatch(/"maybe" is not an option of "a"/);
  });
});

describe('strategic questions: action shares', () => {
  it('gives per action the share of each status (organisation mean first)', () => {
    // O1: gjort, ikke-startet → gjort 0.5, ikke-startet 0.5; O2: planlagt → 1. Mean: gjort 0.25,
    // planlagt 0.5, ikke-startet 0.25, ikke-relevant 0
    const id = 'sq.dagsorden.action.portefoelje';
    const orgs = orgsFromCsv(
      sq,
      csvOf(sq, [
        { organisation: 'O1', sector: 'stat', respondent: 'a', [id]: 'gjort', 'sq.dagsorden.state': '2' },
        {
          organisation: 'O1',
          sector: 'stat',
          respondent: 'b',
          [id]: 'ikke-startet',
          'sq.dagsorden.state': '4',
        },
        { organisation: 'O2', sector: 'stat', respondent: 'a', [id]: 'planlagt', 'sq.dagsorden.state': '5' },
      ]),
    );
    const f = rawFigures(sq, 't', orgs) as unknown as {
      actions: Record<string, Record<string, number>>;
      state: Record<string, number>;
    };
    expect(f.actions[id]).toEqual({ gjort: 0.25, planlagt: 0.5, 'ikke-startet': 0.25, 'ikke-relevant': 0 });
    // O1 mean 3, O2 5 → 4
    expect(f.state.dagsorden).toBe(4);
  });
});
