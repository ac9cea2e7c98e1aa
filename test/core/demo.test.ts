import { describe, expect, it } from 'vitest';
import { validateAnswers } from '../../src/core/answers/validate.ts';
import { generateRound } from '../../src/demo/generate.ts';
import { dtOffentlig } from '../helpers.ts';

const instrument = dtOffentlig();

describe('synthetic rounds', () => {
  it('are deterministic and valid', () => {
    const a = generateRound(instrument, { organisations: 30, respondents: [2, 5], seed: 7 });
    const b = generateRound(instrument, { organisations: 30, respondents: [2, 5], seed: 7 });
    expect(b).toEqual(a);
    expect(new Set(a.map((o) => o.name)).size).toBe(30);
    for (const o of a)
      for (const r of o.respondents) expect(validateAnswers(instrument, r.answers)).toEqual([]);
  });

  it('keep the same organisations and respondents in a later round, with new answers', () => {
    const shape = { organisations: 20, respondents: [3, 6] as [number, number], seed: 11 };
    const first = generateRound(instrument, shape);
    const later = generateRound(instrument, { ...shape, answerSeed: 12, drift: 0.25 });
    const skeleton = (orgs: typeof first) =>
      orgs.map((o) => [
        o.name,
        o.sector,
        o.type,
        o.sizeBand,
        o.respondents.map((r) => [r.id, r.answers['profile.role']]),
      ]);
    expect(skeleton(later)).toEqual(skeleton(first));
    expect(later.map((o) => o.respondents[0]!.answers)).not.toEqual(
      first.map((o) => o.respondents[0]!.answers),
    );
  });
});
