/**
 * Attack 5: one person's answers inside one organisation. The organisation sees its own
 * figures in every version; a business–IT comparison must never make a figure over fewer than
 * m respondents derivable from them — in this version or together with one viewed before.
 */
import fc from 'fast-check';
import { describe as suite, expect, it } from 'vitest';
import {
  decideComparisons,
  decideVersion,
  type RespondentAnswers,
} from '../../src/core/release/organisation-version.ts';
import { describe } from './lib/report.ts';
import { respondentAttack, type ViewedState } from './lib/respondents.ts';
import { answersOf, DT, type Person } from './lib/world.ts';

const M = 3;
const COMPARISON = 'business-it';

let submissions = 1000;
/** A respondent's submission; each call is a new submission. */
const says = (respondent: number, role: string, p: Person = {}): RespondentAnswers => ({
  respondent,
  submission: submissions++,
  answers: answersOf({ role, v: 1 + (respondent % 5), importance: 1 + ((respondent * 2) % 5), ...p }),
});

const business = (r: number, p?: Person) => says(r, r % 2 === 0 ? 'topleder' : 'forretning', p);
const it_ = (r: number, p?: Person) => says(r, 'it', p);

/** The decision for the current version, and what the insider then sees. */
function decide(current: RespondentAnswers[], viewed: ViewedState[] = []) {
  const decision = decideComparisons(
    DT,
    current,
    viewed.map((v) => ({ respondents: v.respondents, shown: v.shown })),
    M,
  );
  const shown = Object.entries(decision)
    .filter(([, d]) => d.status === 'shown')
    .map(([id, d]) => ({ id, rows: d.rows }));
  const states: ViewedState[] = [...viewed, { label: 'now', respondents: current, shown }];
  return { decision, shown, findings: respondentAttack(DT, states, M) };
}

suite('attack 5: one person’s answers (decideComparisons)', () => {
  it('an organisation with 1 IT leader shows no comparison', () => {
    const { decision } = decide([business(1), business(2), business(3), it_(4)]);
    expect(decision[COMPARISON]?.status).not.toBe('shown');
  });

  it('an organisation with 2 IT leaders shows no comparison', () => {
    const { decision } = decide([business(1), business(2), business(3), it_(4), it_(5)]);
    expect(decision[COMPARISON]?.status).not.toBe('shown');
  });

  it('3 + 3 and one "andet": organisation − business − IT would be that one person', () => {
    const { decision, findings } = decide([
      business(1),
      business(2),
      business(3),
      it_(4),
      it_(5),
      it_(6),
      says(7, 'andet'),
    ]);
    expect(decision[COMPARISON]?.status).not.toBe('shown');
    expect(findings, describe('derivable', findings)).toEqual([]);
  });

  it('3 + 3 where two IT leaders skipped an item: the IT mean of that item is one person', () => {
    const skip = { skip: ['how.data.q1'] };
    const { findings } = decide([business(1), business(2), business(3), it_(4), it_(5, skip), it_(6, skip)]);
    expect(findings, describe('figures over fewer than m respondents', findings)).toEqual([]);
  });

  it('3 + 3 where one business leader said "don’t know": organisation − IT − business over the rest', () => {
    const { findings } = decide([
      business(1, { skip: ['why.importance'] }),
      business(2),
      business(3),
      it_(4),
      it_(5),
      it_(6),
    ]);
    expect(findings, describe('figures over fewer than m respondents', findings)).toEqual([]);
  });

  it('across a viewed version: two business leaders joining are not their difference', () => {
    const v1 = [business(1), business(2), business(3), it_(4), it_(5), it_(6)];
    const first = decide(v1);
    expect(first.shown.map((c) => c.id)).toEqual([COMPARISON]);
    const viewed: ViewedState[] = [{ label: 'v1', respondents: v1, shown: first.shown }];
    // Two business leaders join and one IT leader answers again: 3 changes, a new version.
    const v2 = [...v1.slice(0, 3), business(7), business(9), it_(4), v1[4]!, v1[5]!];
    const version = decideVersion({
      instrument: DT,
      current: v2,
      pending: 0,
      versions: [{ respondents: v1, viewed: true, shown: first.shown }],
      final: false,
      respondentMin: M,
    });
    expect(version.action).toBe('new');
    const { findings } = decide(v2, viewed);
    expect(findings, describe('derivable across versions', findings)).toEqual([]);
  });

  it('a new version’s own figures minus a group of a viewed comparison are no fewer than m people', () => {
    // v1 (viewed, comparison shown): IT 0, 1, 5 and business 2, 3, 4. Then 2 and 3 leave and
    // 6 (business) joins: three changes, a new version. Its own figures minus v1's IT group
    // (the same three submissions) are respondents 4 and 6.
    const v1 = [it_(30), it_(31), business(32), business(33), business(34), it_(35)];
    const first = decide(v1);
    expect(first.shown.map((c) => c.id)).toEqual([COMPARISON]);
    const viewed: ViewedState[] = [{ label: 'v1', respondents: v1, shown: first.shown }];
    const v2 = [v1[0]!, v1[1]!, v1[4]!, v1[5]!, business(36)];
    const version = decideVersion({
      instrument: DT,
      current: v2,
      pending: 0,
      versions: [{ respondents: v1, viewed: true, shown: first.shown }],
      final: false,
      respondentMin: M,
    });
    const found = version.action === 'new' ? decide(v2, viewed).findings : [];
    expect(found, describe('derivable across versions', found)).toEqual([]);
  });

  it('decideVersion: per item, a new version differs from a viewed one by m respondents or none', () => {
    // v1 (viewed): four respondents. Then two join who answer how.data.q1 and one who skips it:
    // three changes, so a new version — but its how.data.q1 mean differs from v1's by two people.
    const item = 'how.data.q1';
    const v1 = [business(21), business(22), it_(23), business(24)];
    const v2 = [...v1, business(25), business(26), business(27, { skip: [item] })];
    const version = decideVersion({
      instrument: DT,
      current: v2,
      pending: 0,
      versions: [{ respondents: v1, viewed: true, shown: decide(v1).shown }],
      final: false,
      respondentMin: M,
    });
    const found: string[] = [];
    if (version.action === 'new')
      for (const id of [item, 'why.importance']) {
        const who = (rs: RespondentAnswers[]) =>
          new Set(
            rs.filter((r) => typeof r.answers[id] === 'number').map((r) => `${r.respondent}:${r.submission}`),
          );
        const [a, b] = [who(v1), who(v2)];
        const changed = new Set(
          [...a, ...b].filter((x) => !(a.has(x) && b.has(x))).map((x) => x.split(':')[0]),
        );
        if (changed.size > 0 && changed.size < M)
          found.push(`${id}: v2 × mean − v1 × mean is the answers of respondents ${[...changed].join(', ')}`);
      }
    expect(found, describe('derivable across versions', found)).toEqual([]);
  });

  it('random organisations and viewed histories, everyone answers everything (property)', () =>
    property(false));

  it('random organisations and viewed histories, some answers missing (property)', () => property(true));
});

function property(missing: boolean) {
  const roleArb = fc.constantFrom('topleder', 'forretning', 'it', 'andet');
  const personArb = fc.record({
    role: roleArb,
    v: fc.integer({ min: 1, max: 5 }),
    skip: missing ? fc.boolean() : fc.constant(false),
  });
  const stepArb = fc.record({
    leave: fc.array(fc.nat(9), { maxLength: 3 }),
    resubmit: fc.array(
      fc.record({ r: fc.nat(9), role: roleArb, skip: missing ? fc.boolean() : fc.constant(false) }),
      { maxLength: 4 },
    ),
    join: fc.array(personArb, { maxLength: 3 }),
    viewed: fc.boolean(),
  });
  const item = 'how.data.q1';
  fc.assert(
    fc.property(
      fc.array(personArb, { minLength: 2, maxLength: 9 }),
      fc.array(stepArb, { maxLength: 3 }),
      (people, steps) => {
        let next = 0;
        const make = (r: number, p: { role: string; v: number; skip: boolean }) =>
          says(r, p.role, { v: p.v, skip: p.skip ? [item] : [] });
        let current = people.map((p) => make(next++, p));
        const history: { respondents: RespondentAnswers[]; shown: ViewedState['shown']; viewed: boolean }[] =
          [];
        for (let s = 0; s <= steps.length; s++) {
          const version = decideVersion({
            instrument: DT,
            current,
            pending: 0,
            versions: history,
            final: true,
            respondentMin: M,
          });
          if (version.action === 'new') {
            const viewed = history.filter((h) => h.viewed).map((h, i) => ({ label: `v${i + 1}`, ...h }));
            const { shown, findings } = decide(current, viewed);
            if (findings.length > 0) throw new Error(describe('derivable', findings));
            history.push({ respondents: current, shown, viewed: false });
          }
          const step = steps[s];
          if (!step) break;
          if (step.viewed && history.length > 0) history.at(-1)!.viewed = true;
          const left = new Set(step.leave.map((x) => x % Math.max(1, next)));
          current = current.filter((r) => !left.has(r.respondent));
          for (const re of step.resubmit) {
            const at = current.findIndex((r) => r.respondent === re.r % Math.max(1, next));
            if (at >= 0)
              current[at] = make(current[at]!.respondent, {
                role: re.role,
                v: 1 + ((re.r * 3) % 5),
                skip: re.skip,
              });
          }
          for (const p of step.join) current.push(make(next++, p));
        }
      },
    ),
    { numRuns: 300, seed: Number(process.env.DISCLOSURE_SEED ?? 42) },
  );
}
