/** Property tests: for any valid answers, figures stay in range and do not depend on order. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseOrganisation } from '../../src/core/analyse.ts';
import type { RespondentData } from '../../src/core/exchange/types.ts';
import type { AnswerValue } from '../../src/core/instrument/types.ts';
import { validateAnswers } from '../../src/core/answers/validate.ts';
import { dtOffentlig, rawFigures } from '../helpers.ts';

const instrument = dtOffentlig();

function expectBetween(value: number, min: number, max: number) {
  expect(value).toBeGreaterThanOrEqual(min);
  expect(value).toBeLessThanOrEqual(max);
}

/** Any valid set of answers to the instrument's scale, ranking and role items. */
const answersArb = fc
  .record({
    role: fc.constantFrom('topleder', 'forretning', 'it', 'andet', undefined),
    scales: fc.array(
      fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant('dont_know'), fc.constant(undefined)),
      {
        minLength: 64,
        maxLength: 64,
      },
    ),
    ranking: fc.option(fc.shuffledSubarray([1, 2, 3, 4, 5, 6, 7], { minLength: 7, maxLength: 7 })),
  })
  .map(({ role, scales, ranking }) => {
    const answers: Record<string, AnswerValue> = {};
    if (role) answers['profile.role'] = role;
    let n = 0;
    let r = 0;
    for (const [id, slot] of instrument.slotById) {
      if (slot.kind === 'scale') {
        const v = scales[n++ % scales.length];
        if (v !== undefined && (v !== 'dont_know' || slot.item.allowDontKnow)) answers[id] = v;
      }
      if (slot.kind === 'rank' && ranking) answers[id] = ranking[r++]!;
    }
    return answers;
  });

const respondentsArb = fc
  .array(answersArb, { minLength: 1, maxLength: 8 })
  .map((list) => list.map((answers, i): RespondentData => ({ id: `r${i}`, answers })));

describe('scoring properties (dt-offentlig)', () => {
  it('generated answers are valid', () => {
    fc.assert(fc.property(answersArb, (a) => validateAnswers(instrument, a).length === 0));
  });

  it('keeps every score in range', () => {
    fc.assert(
      fc.property(respondentsArb, (respondents) => {
        const a = analyseOrganisation(instrument, { name: 'X', sector: 'stat', respondents });
        const v = a.score.values;
        for (const c of instrument.def.competencies) {
          const score = v[c.score];
          if (score !== null && score !== undefined) expectBetween(score, 1, 5);
          const rank = v[c.rank];
          if (rank !== null && rank !== undefined) expectBetween(rank, 1, 7);
        }
        for (const d of instrument.def.domains) {
          const gap = v[d.gap];
          if (gap !== null && gap !== undefined) expect(Math.abs(gap)).toBeLessThanOrEqual(4);
        }
        if (a.score.index !== null) {
          expectBetween(a.score.index, 0, 100);
          expect(a.score.stage?.stage).not.toBeNull();
        }
        for (const item of a.advice) {
          if (item.kind === 'competency') expectBetween(item.urgency, 0, 1);
        }
        for (const c of a.comparisons)
          if (c.rankCorrelation !== null) expect(Math.abs(c.rankCorrelation)).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same figures whatever the order of respondents', () => {
    fc.assert(
      fc.property(respondentsArb, fc.infiniteStream(fc.nat()), (respondents, randoms) => {
        const shuffled = [...respondents].sort(() => (randoms.next().value % 3) - 1);
        const a = analyseOrganisation(instrument, { name: 'X', sector: 'stat', respondents });
        const b = analyseOrganisation(instrument, { name: 'X', sector: 'stat', respondents: shuffled });
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same sector figures whatever the order of organisations', () => {
    fc.assert(
      fc.property(fc.array(respondentsArb, { minLength: 1, maxLength: 6 }), (orgs) => {
        const data = orgs.map((respondents, i) => ({ name: `O${i}`, sector: 'stat' as const, respondents }));
        const a = rawFigures(instrument, 'R', data);
        const b = rawFigures(instrument, 'R', [...data].reverse());
        expect(JSON.stringify(b, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v))).toBe(
          JSON.stringify(a, (_k, v) => (typeof v === 'number' ? Number(v.toFixed(9)) : v)),
        );
      }),
      { numRuns: 100 },
    );
  });
});
