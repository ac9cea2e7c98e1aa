/**
 * Organisation versions: when an organisation's own figures may move on. Besides the count of
 * changed respondents, every item is audited over its own answerers against everything viewed
 * of it, so neither a viewed comparison group nor a respondent who skipped an item lets a new
 * version be a figure about fewer than m people.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/core/instrument/types.ts';
import {
  decideComparisons,
  decideVersion,
  decideVersionByIds,
  type RespondentAnswers,
  type VersionState,
} from '../../src/core/release/organisation-version.ts';
import { mini } from '../helpers.ts';

const instrument = mini();
const M = 3;

let submissions = 1;
/** A new submission of the respondent: every item answered unless skipped. */
function says(respondent: number, role: string, skip: readonly string[] = []): RespondentAnswers {
  const v = 1 + (respondent % 5);
  const answers: Record<string, Answers[string]> = {
    role,
    'q.a': v,
    'q.b': 6 - v,
    'q.c': 1 + (respondent % 3),
    'rank.x': 1,
    'rank.y': 2,
    'rank.z': 3,
    tools: respondent % 2 === 0 ? ['ai'] : ['rpa', 'other'],
    'tools.other': `tool ${respondent}`,
    budget: 10 * v,
  };
  for (const id of skip) delete answers[id];
  return { respondent, submission: submissions++, answers };
}

const viewed = (respondents: RespondentAnswers[]): VersionState => ({
  viewed: true,
  respondents,
  shown: Object.entries(decideComparisons(instrument, respondents, [], M))
    .filter(([, d]) => d.status === 'shown')
    .map(([id, d]) => ({ id, rows: d.rows })),
});

const decide = (current: RespondentAnswers[], versions: VersionState[], pending = 0) =>
  decideVersion({ instrument, current, pending, versions, final: false, respondentMin: M });

describe('decideVersion', () => {
  it('makes the first version when nobody is pending or the round is final', () => {
    const rs = [says(1, 'boss'), says(2, 'it')];
    expect(decide(rs, [], 1)).toEqual({ action: 'wait' });
    expect(decide(rs, [])).toEqual({ action: 'new' });
    expect(
      decideVersion({ instrument, current: rs, pending: 1, versions: [], final: true, respondentMin: M }),
    ).toEqual({ action: 'new' });
  });

  it('replaces a version nobody viewed freely, and needs no answers for it', () => {
    const v1 = [says(1, 'boss'), says(2, 'it'), says(3, 'biz')];
    const unviewed: VersionState = {
      viewed: false,
      respondents: v1.map(({ respondent, submission }) => ({ respondent, submission })),
    };
    expect(decide([...v1, says(4, 'it', ['q.a'])], [unviewed])).toEqual({ action: 'new' });
    expect(decide(v1, [unviewed])).toEqual({ action: 'keep', waiting: 0 });
  });

  it('keeps the version when fewer than m respondents changed since a viewed one (ids alone settle it)', () => {
    const v1 = [says(1, 'boss'), says(2, 'it'), says(3, 'biz')];
    const v2 = [...v1, says(4, 'biz'), says(5, 'it')];
    expect(decide(v2, [viewed(v1)])).toEqual({ action: 'keep', waiting: 2 });
    expect(
      decideVersionByIds({
        current: new Map(v2.map((r) => [r.respondent, r.submission])),
        pending: 0,
        versions: [{ submissions: new Map(v1.map((r) => [r.respondent, r.submission])), viewed: true }],
        final: false,
        respondentMin: M,
      }),
    ).toEqual({ action: 'keep', waiting: 2 });
  });

  it('allows a new version when 3 new respondents answer every item', () => {
    const v1 = [says(1, 'boss'), says(2, 'it'), says(3, 'biz'), says(4, 'biz')];
    expect(decide([...v1, says(5, 'biz'), says(6, 'it'), says(7, 'other')], [viewed(v1)])).toEqual({
      action: 'new',
    });
  });

  it('allows a new version after a viewed comparison when 3 new respondents answer every item', () => {
    const v1 = [30, 31, 35].map((r) => says(r, 'it')).concat([32, 33, 34].map((r) => says(r, 'biz')));
    const first = viewed(v1);
    expect(first.viewed && first.shown.map((c) => c.id)).toEqual(['business-it']);
    const v2 = [...v1, says(36, 'biz'), says(37, 'it'), says(38, 'other')];
    expect(decide(v2, [first])).toEqual({ action: 'new' });
  });

  it('keeps the version when its figure minus a viewed comparison group is two people', () => {
    // v1 viewed with the comparison shown: IT 30, 31, 35; business 32, 33, 34. Then 32 and 33
    // leave and 36 joins: three changes, but v2 minus v1's IT group is respondents 34 and 36.
    const v1 = [30, 31, 35].map((r) => says(r, 'it')).concat([32, 33, 34].map((r) => says(r, 'biz')));
    const first = viewed(v1);
    expect(first.viewed && first.shown.map((c) => c.id)).toEqual(['business-it']);
    const v2 = v1.filter((r) => r.respondent !== 32 && r.respondent !== 33).concat(says(36, 'biz'));
    expect(decide(v2, [first])).toEqual({ action: 'keep', waiting: 3 });
    // Without the comparison in view, the same change is three people on every item.
    expect(decide(v2, [{ viewed: true, respondents: v1, shown: [] }])).toEqual({ action: 'new' });
  });

  // A scale, a rank, a multiple choice and a number item: each has a figure the organisation sees.
  it.each(['q.a', 'rank.x', 'tools', 'budget'])(
    'keeps the version when two join who answer %s and one who skips it',
    (item) => {
      const v1 = [says(21, 'boss'), says(22, 'biz'), says(23, 'it'), says(24, 'biz')];
      const v2 = [...v1, says(25, 'biz'), says(26, 'it'), says(27, 'other', [item])];
      expect(decide(v2, [viewed(v1)])).toEqual({ action: 'keep', waiting: 3 });
    },
  );

  it('does not hold a version back for a skipped free text, which is no figure', () => {
    const v1 = [says(21, 'boss'), says(22, 'biz'), says(23, 'it'), says(24, 'biz')];
    const v2 = [...v1, says(25, 'biz'), says(26, 'it'), says(27, 'other', ['tools.other'])];
    expect(decide(v2, [viewed(v1)])).toEqual({ action: 'new' });
  });

  it('audits against the viewed version even when a later one nobody viewed is the latest', () => {
    const v1 = [says(1, 'boss'), says(2, 'biz'), says(3, 'it')];
    const joiners = [says(4, 'biz'), says(5, 'it')];
    const v2 = [...v1, ...joiners, says(6, 'other')];
    // v3 drops one of v2's joiners and adds one who skips q.a: three changes from v1 on the
    // whole, but q.a differs from v1 by two people.
    const v3 = [...v1, ...joiners, says(7, 'boss', ['q.a'])];
    expect(decide(v3, [viewed(v1), { viewed: false, respondents: v2 }])).toEqual({
      action: 'keep',
      waiting: 2,
    });
    expect(
      decide(v3, [
        { viewed: false, respondents: v1 },
        { viewed: false, respondents: v2 },
      ]),
    ).toEqual({
      action: 'new',
    });
  });
});
