/**
 * Hand-computed expectations for `test/fixtures/mini-two-orgs.csv` (see the comments for the
 * arithmetic). Ærø Kommune: r1 (boss) q.a 4, q.b 2, q.c 3, ranks x1 y2 z3; r2 (it) q.a 1,
 * q.b not relevant, q.c blank, ranks x3 y1 z2. Region Øst: one respondent (biz).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseOrganisation } from '../../src/core/analyse.ts';
import { compareGroups } from '../../src/core/figures/compare.ts';
import { scoreOrganisation } from '../../src/core/scoring/organisation.ts';
import { scoreRespondent } from '../../src/core/scoring/respondent.ts';
import { decideComparisons } from '../../src/core/release/organisation-version.ts';
import { explainStage } from '../../src/i18n/explain.ts';
import { fixture, mini, orgsFromCsv, rawFigures } from '../helpers.ts';

const instrument = mini();
const [aero, oest] = orgsFromCsv(instrument, readFileSync(fixture('mini-two-orgs.csv'), 'utf8'));

describe('organisation scores (organisation mean first)', () => {
  const s = scoreOrganisation(instrument, aero!);

  it('averages each item over those who answered it; missing answers are not zeros', () => {
    expect(s.values['q.a']).toBe(2.5); // (4 + 1) / 2
    expect(s.values['q.b']).toBe(2); // r2 said "not relevant": only r1 counts
    expect(s.values['q.c']).toBe(3); // r2 left it blank
    expect(s.answered['q.b']).toBe(1);
    expect(s.values['budget']).toBe(10);
  });

  it('computes measures from the item means, not from respondent measures', () => {
    // mean(q.a 2.5, q.b 2) = 2.25; a respondent-first mean would give mean(3, 1) = 2.
    expect(s.values['m.x']).toBe(2.25);
    expect(scoreRespondent(instrument, aero!.respondents[0]!.answers)['m.x']).toBe(3);
    expect(scoreRespondent(instrument, aero!.respondents[1]!.answers)['m.x']).toBe(1);
    expect(s.values['m.gap']).toBe(0.5);
    expect(s.values['m.low']).toBe(2.25);
  });

  it('maps the weighted index to 0–100', () => {
    // (3 × 2.5 + 1 × 2) / 4 = 2.375 → (2.375 − 1) × 25 = 34.375
    expect(s.index).toBe(34.375);
  });

  it('orders competencies by mean rank', () => {
    expect(s.values['rank.x']).toBe(2);
    expect(s.values['rank.y']).toBe(1.5);
    expect(s.ranking).toEqual(['cy', 'cx']);
  });

  it('places the organisation with reasons', () => {
    expect(s.stage).toMatchObject({
      stage: 'low',
      next: { stage: 'mid', unmet: [{ ref: 'idx', value: 34.375, atLeast: 50 }] },
    });
    expect(explainStage(instrument, s.stage!, 'da')).toBe(
      'Placeret som Lav, kurvens første trin; Mellem kræver Indeks på mindst 50 (nu 34).',
    );
    expect(explainStage(instrument, s.stage!, 'en')).toBe(
      'Placed at Low, the first stage of the curve; Middle needs Index of at least 50 (now 34).',
    );
    const top = scoreOrganisation(instrument, oest!);
    expect(top.index).toBe(93.75); // (3 × 5 + 4) / 4 = 4.75
    expect(explainStage(instrument, top.stage!, 'en')).toBe(
      'Placed at High because Index is 94 (at least 75) and Question B is 4 (at least 4); this is the top stage.',
    );
  });

  it('handles one respondent, and an organisation with no answers at all', () => {
    const none = scoreOrganisation(instrument, {
      name: 'Tom',
      sector: 'stat',
      respondents: [{ id: 'x', answers: { role: 'it' } }],
    });
    expect(none.values['m.x']).toBeNull();
    expect(none.index).toBeNull();
    expect(none.ranking).toEqual([]);
    expect(none.stage?.stage).toBeNull();
    expect(explainStage(instrument, none.stage!, 'da')).toBe(
      'Kan ikke placeres på kurven: svar nok til at beregne Indeks.',
    );
  });

  it('does not compute the index below its minimum coverage', () => {
    const only = scoreOrganisation(instrument, {
      name: 'B',
      sector: 'stat',
      respondents: [{ id: 'x', answers: { 'q.b': 5 } }],
    });
    expect(only.index).toBeNull(); // q.b carries 1 of 4 weight < 0.5
  });
});

describe('comparing two respondent groups (the older divergence block read as one comparison)', () => {
  const a = analyseOrganisation(instrument, aero!);
  const c = a.comparisons[0]!;

  it('reads the older divergence block as the groups business and IT and one comparison', () => {
    expect(instrument.respondentGroups.map((g) => g.id)).toEqual(['business', 'it']);
    expect(instrument.comparisons).toEqual([
      { id: 'business-it', groups: ['business', 'it'], pointThreshold: 1, rankThreshold: 2 },
    ]);
  });

  it('compares group means and flags differences at the thresholds', () => {
    expect(c.counts).toEqual([1, 1]);
    const row = (id: string) => c.rows.find((r) => r.id === id);
    expect(row('q.a')).toMatchObject({ a: 4, b: 1, difference: 3, flagged: true });
    expect(row('q.b')).toMatchObject({ a: 2, b: null, difference: null, flagged: false });
    expect(row('rank.x')).toMatchObject({ a: 1, b: 3, difference: -2, flagged: true, threshold: 2 });
    expect(row('rank.y')).toMatchObject({ difference: 1, flagged: false });
    expect(row('idx')).toMatchObject({ a: 62.5, b: 0, threshold: 25, flagged: true });
    // Largest first, relative to each row's threshold: 3/1, 62.5/25, 2/1, 2/1, 2/2.
    expect(c.flagged.map((r) => r.id)).toEqual(['q.a', 'idx', 'm.x', 'm.low', 'rank.x']);
    // Ranks business (1,2,3) vs IT (3,1,2): Spearman = −0.5.
    expect(c.rankCorrelation).toBeCloseTo(-0.5, 12);
  });

  it('splits the flagged rows into parts, each sorted by size, and says which group is higher', () => {
    const parts = (x: typeof c) =>
      x.parts.map((p) => [p.part, p.rows.map((r) => [r.id, r.difference, r.higher])]);
    // m.x is the fixture's competency score; idx and m.low are other measures.
    expect(parts(c)).toEqual([
      ['questions', [['q.a', 3, 0]]],
      ['competencies', [['m.x', 2, 0]]],
      ['ranks', [['rank.x', -2, 0]]], // business ranks it 1, IT 3: business ranks it higher
      [
        'measures',
        [
          ['idx', 62.5, 0],
          ['m.low', 2, 0],
        ],
      ],
    ]);
    // The same comparison with the groups the other way round: every sign and "higher" flips.
    const def = instrument.comparisons[0]!;
    const swapped = compareGroups(
      instrument,
      { ...def, groups: [def.groups[1]!, def.groups[0]!] },
      aero!.respondents,
    );
    expect(parts(swapped)).toEqual([
      ['questions', [['q.a', -3, 1]]],
      ['competencies', [['m.x', -2, 1]]],
      ['ranks', [['rank.x', 2, 1]]],
      [
        'measures',
        [
          ['idx', -62.5, 1],
          ['m.low', -2, 1],
        ],
      ],
    ]);
  });

  it('is not shown with fewer than the respondent minimum in a group (one leader each here)', () => {
    const rs = aero!.respondents.map((r, i) => ({ respondent: i, submission: i, answers: r.answers }));
    expect(decideComparisons(instrument, rs, [], 2)).toEqual({
      'business-it': { status: 'too-few', rows: [] },
    });
    const one = analyseOrganisation(instrument, oest!);
    expect(one.comparisons[0]!.counts).toEqual([1, 0]);
  });
});

describe('advice', () => {
  it('lists important, low-scoring competencies first, then domains by gap', () => {
    const a = analyseOrganisation(instrument, aero!);
    // cx: importance (3 − 2) / 2 = 0.5, shortfall (5 − 2.25) / 4 = 0.6875 → 0.34375 ≥ 0.2.
    // cy scores 3 of 3: no shortfall. Domain d: gap 0.5 < 1.
    expect(a.advice).toEqual([
      {
        kind: 'competency',
        id: 'cx',
        score: 2.25,
        meanRank: 2,
        importance: 0.5,
        shortfall: 0.6875,
        urgency: 0.34375,
        recommendations: ['r1'],
      },
    ]);
    const gap = analyseOrganisation(instrument, {
      name: 'G',
      sector: 'stat',
      respondents: [{ id: '1', answers: { 'q.a': 5, 'q.b': 1 } }],
    });
    expect(gap.advice.map((x) => `${x.kind}:${x.id}`)).toEqual(['competency:cx', 'domain:d']);
    expect(gap.advice[1]).toMatchObject({ priority: 5, effort: 1, gap: 4, recommendations: ['r1'] });
  });
});

describe('figures over organisations (the arithmetic, before any disclosure rule)', () => {
  it('counts and averages over organisations, read through the older sectorFigures block', () => {
    expect(rawFigures(instrument, 'R', [aero!, oest!])).toEqual({
      round: 'R',
      organisations: 2,
      respondents: 3,
      dist: { '1': 0, '2': 0, '3': 1, '4': 0, '5': 1 }, // 2.5 rounds half up to 3
      means: { x: (2.25 + 4.5) / 2, a: (2.5 + 5) / 2 },
      stages: { low: 1, mid: 0, high: 1 },
    });
  });

  it('gives null means and zero counts for no organisations', () => {
    expect(rawFigures(instrument, 'R', [])).toMatchObject({
      organisations: 0,
      respondents: 0,
      means: { x: null, a: null },
      stages: { low: 0 },
    });
  });
});
