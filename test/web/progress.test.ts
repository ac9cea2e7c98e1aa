/**
 * The survey's progress ("7 of 20 questions answered"): a question is an item, so the partial
 * ranking of it-i-praksis (19 answer columns, top 5) counts as one question, answered as soon as
 * one area has a place; a full ranking only when complete; hidden questions do not count.
 */
import { describe, expect, it } from 'vitest';
import { describeInstrument } from '../../src/instruments/describe.ts';
import { loadBuiltinInstrument } from '../../src/instruments/registry.ts';
import { prepareInstrument, surveyProgress, type DescribedInstrument } from '../../web/src/lib/instrument.ts';

const survey = async (id: string) =>
  prepareInstrument(
    JSON.parse(
      JSON.stringify(describeInstrument(await loadBuiltinInstrument(id), 'da')),
    ) as DescribedInstrument,
  );

describe('survey progress', () => {
  it('counts a partial ranking of 19 areas as one question', async () => {
    const s = await survey('it-i-praksis');
    const columns = s.core.itemById.get('focus')!.slots.length;
    expect(columns).toBe(19);
    const none = surveyProgress(s, {});
    // 1 role + 1 ranking + 8 technologies + 4 competence items + 6 citizen items, less barriers.laws (hidden)
    expect(none).toEqual({ answered: 0, count: 19 });
    const ranked = surveyProgress(s, { 'profile.role': 'it', 'focus.sikkerhed': 1, 'focus.cloud': 2 });
    expect(ranked).toEqual({ answered: 2, count: 19 });
    const five = surveyProgress(s, {
      'focus.sikkerhed': 1,
      'focus.cloud': 2,
      'focus.legacy': 3,
      'focus.agil': 4,
      'focus.talent': 5,
    });
    expect(five.answered).toBe(1);
    // A condition shows the laws question: one more question, not one per law.
    expect(surveyProgress(s, { barriers: ['lovgivning'] })).toEqual({ answered: 1, count: 20 });
  });

  it('counts a full ranking once, and only when every option has a rank', async () => {
    const s = await survey('dt-offentlig');
    const ranking = s.described.sections.flatMap((x) => x.items).find((i) => i.type === 'ranking')!;
    const ids = s.core.itemById.get(ranking.id)!.slots.map((x) => x.id);
    const before = surveyProgress(s, {});
    const partly = surveyProgress(s, { [ids[0]!]: 1 });
    expect(partly).toEqual(before);
    const all = surveyProgress(s, Object.fromEntries(ids.map((id, i) => [id, i + 1])));
    expect(all).toEqual({ answered: before.answered + 1, count: before.count });
  });
});
