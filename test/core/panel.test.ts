/**
 * The citizen panel (`it-i-praksis-borger`): its exchange file, weighted shares with Wilson
 * intervals on Kish's effective n (against values computed by hand), and which breakdown cells
 * are shown (at the minimum ± 1, and never so that the held-back ones can be subtracted out).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellsShown, panelFigures } from '../../src/core/panel/figures.ts';
import { kishEffectiveN, wilsonInterval } from '../../src/core/panel/intervals.ts';
import { panelExchangeRows, parsePanelRows } from '../../src/core/panel/exchange.ts';
import type { PanelRespondent } from '../../src/core/panel/schema.ts';
import { compileInstrumentText } from '../../src/core/instrument/compile.ts';
import { seededRandom } from '../../src/demo/random.ts';
import { loadInstrument, ROOT } from '../helpers.ts';

const borger = loadInstrument(join(ROOT, 'instruments', 'it-i-praksis-borger.yaml'));
const rows = (text: string) => text.split('\n').map((l) => l.split(','));
const problems = (text: string) => {
  const r = parsePanelRows(borger, rows(text), 'panel.csv');
  if (r.ok) throw new Error('expected problems');
  return r.problems.map((p) => `row ${p.row} ${p.columnLetter ?? ''} (${p.column ?? ''}): ${p.message}`);
};

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('citizen panel: intervals', () => {
  it("Kish's n_eff = (Σw)² / Σw²", () => {
    expect(kishEffectiveN([1, 1, 2, 0.5])).toBeCloseTo(3.24, 12); // 4.5² / 6.25
    expect(kishEffectiveN([2, 2, 2])).toBeCloseTo(3, 12); // equal weights: n itself
    expect(kishEffectiveN([])).toBe(0);
  });

  it('Wilson intervals match hand-computed values', () => {
    // p = 0.19 on n_eff 987.3 (the contract's example): [0.1667, 0.2157].
    const [lo, hi] = wilsonInterval(0.19, 987.3)!;
    expect(lo).toBeCloseTo(0.166749, 6);
    expect(hi).toBeCloseTo(0.215654, 6);
    const half = wilsonInterval(0.5, 100)!;
    expect(half[0]).toBeCloseTo(0.403832, 6);
    expect(half[1]).toBeCloseTo(0.596168, 6);
    expect(wilsonInterval(0.3, 0)).toBeNull();
  });

  it('a weighted share carries its interval on n_eff, counting only those who answered', () => {
    // agree (4–5) weighs 1 + 2 of 4; the blank answers count nowhere.
    const file = ['respondent,weight,digital.all', 'a,1,5', 'b,1,2', 'c,2,4', 'd,7,', 'e,3,'].join('\n');
    const r = parsePanelRows(borger, rows(file), 'p.csv');
    expect(r.ok).toBe(true);
    const out = panelFigures(borger, r.ok ? r.respondents : [], { minCell: 5 }) as Json;
    // Only 3 answered: under the minimum of 5, so no share is shown at all.
    expect(out.shares['digital.all']).toBeNull();
    const many = r.ok ? [...r.respondents] : [];
    // The same three answers, three times over (weights as before): share 0.75, n_eff = 9 × 16/6 / 3.
    const tripled = [0, 1, 2].flatMap((k) => many.map((x) => ({ ...x, id: `${x.id}${k}` })));
    const s = (panelFigures(borger, tripled, { minCell: 5 }) as Json).shares['digital.all'];
    expect(s.agree.share).toBeCloseTo(0.75, 12);
    expect(s.agree.n).toBe(9);
    expect(s.agree.nEffective).toBeCloseTo(8, 12); // (3·4)² / (3·6)
    expect(s.disagree.share).toBeCloseTo(0.25, 12);
    const [lo, hi] = wilsonInterval(0.75, 8)!;
    expect(s.agree.ci95).toEqual([lo, hi]);
    // By hand for p = 0.75, n = 8: [0.4093, 0.9285].
    expect(lo).toBeCloseTo(0.409275, 5);
    expect(hi).toBeCloseTo(0.928518, 5);
  });

  it('a choice item: every option, shares summing to 1', () => {
    const file = [
      'respondent,weight,priority',
      ...Array.from(
        { length: 12 },
        (_, i) => `r${i},${1 + (i % 3)},${['fleksibilitet', 'hurtighed', 'ensartethed', 'ved-ikke'][i % 4]}`,
      ),
    ].join('\n');
    const r = parsePanelRows(borger, rows(file), 'p.csv');
    const s = (panelFigures(borger, r.ok ? r.respondents : []) as Json).shares.priority;
    expect(Object.keys(s)).toEqual(['fleksibilitet', 'hurtighed', 'ensartethed', 'ved-ikke']);
    const total = Object.values(s as Record<string, { share: number }>).reduce((a, b) => a + b.share, 0);
    expect(total).toBeCloseTo(1, 12);
    // fleksibilitet: rows 0, 4, 8 with weights 1, 2, 3 of Σw = 24.
    expect(s.fleksibilitet.share).toBeCloseTo(6 / 24, 12);
  });
});

describe('citizen panel: exchange file', () => {
  it('rejects an organisation or sector column, with row and column', () => {
    expect(problems('respondent,organisation,weight,digital.all\nx,y,1,3')).toEqual([
      `row 1 B (organisation): a panel file has no "organisation" column: it-i-praksis-borger's respondents belong to no organisation`,
    ]);
    expect(problems('respondent,weight,sector\nx,1,kommune')[0]).toContain('row 1 C (sector)');
  });

  it('rejects a weight ≤ 0 or not a number, and lists every problem', () => {
    expect(problems('respondent,weight,digital.all\na,0,3\nb,-2,3\nc,abc,3\nd,,3\ne,1.5,9\ne,1,3')).toEqual([
      'row 2 B (weight): weight must be greater than 0 (found "0")',
      'row 3 B (weight): weight must be greater than 0 (found "-2")',
      'row 4 B (weight): weight must be a positive number such as 1.25 (found "abc")',
      'row 6 C (digital.all): 9 is outside 1–5',
      'row 7 A (respondent): respondent "e" is also in row 6',
    ]);
  });

  it('blank weight is 1, a decimal comma is read, and export reads back the same', () => {
    const r = parsePanelRows(
      borger,
      rows('respondent,weight,bg.age,digital.all\na,,65+,4\nb,"0,5",18-29,2'.replace('"0,5"', '0.5')),
      'p.csv',
    );
    expect(r.ok && r.respondents).toEqual([
      { id: 'a', weight: 1, answers: { 'bg.age': '65+', 'digital.all': 4 } },
      { id: 'b', weight: 0.5, answers: { 'bg.age': '18-29', 'digital.all': 2 } },
    ]);
    const back = parsePanelRows(borger, panelExchangeRows(borger, r.ok ? r.respondents : []), 'x.csv');
    expect(back.ok && back.respondents).toEqual(r.ok && r.respondents);
  });

  it('an instrument without a weight column gives everyone weight 1', () => {
    const r = parsePanelRows(borger, rows('respondent,digital.all\na,4'), 'p.csv');
    expect(r.ok && r.respondents[0]!.weight).toBe(1);
  });

  it('a panel instrument may not declare sectors', () => {
    const text = `format: pejling-instrument/1
id: p
version: 1.0.0
title: { da: P }
description: { da: P }
source: { da: P }
minutes: 1
sectors: [stat]
sections:
  - id: s
    title: { da: S }
    items:
      - { id: q, type: scale, scale: { min: 1, max: 5, labels: {} }, text: { da: Q } }
panel: { items: [q], categories: { agree: [4, 9] } }
`;
    const r = compileInstrumentText(text, 'p.yaml');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.problems.map((p) => p.message).filter((m) => !m.includes('no label'))).toEqual([
      'a panel has no organisations, so no sectors or bySector',
      "9 is outside q's scale 1–5",
    ]);
  });
});

describe('citizen panel: breakdown cells', () => {
  it('a cell is shown at the minimum, not one below; what is held back is never fewer than the minimum', () => {
    const m = (o: Record<string, number>) => new Map(Object.entries(o));
    expect([...cellsShown(m({ a: 10, b: 11, c: 40 }), 0, 10)].sort()).toEqual(['a', 'b', 'c']);
    // 9 held back alone could be subtracted from the total: the next smallest goes too.
    expect([...cellsShown(m({ a: 9, b: 10, c: 11 }), 0, 10)].sort()).toEqual(['c']);
    // 9 plus one respondent without the background answer: 10 held back together, enough.
    expect([...cellsShown(m({ a: 9, b: 10, c: 11 }), 1, 10)].sort()).toEqual(['b', 'c']);
    // Empty cells hide nobody.
    expect([...cellsShown(m({ a: 0, b: 10 }), 0, 10)]).toEqual(['b']);
    // Three without the answer: the smallest cell is held back with them.
    expect([...cellsShown(m({ a: 12, b: 30 }), 3, 10)]).toEqual(['b']);
  });

  it('breakdowns by age: minimum ± 1 on real files, and the round setting (never below 5)', () => {
    const ages = { '18-29': 9, '30-49': 11, '50-64': 10, '65+': 30 };
    const file = ['respondent,weight,bg.age,digital.all'];
    let i = 0;
    for (const [age, n] of Object.entries(ages))
      for (let k = 0; k < n; k++) file.push(`r${i++},1,${age},${k % 2 ? 4 : 2}`);
    const r = parsePanelRows(borger, rows(file.join('\n')), 'p.csv');
    const resp = r.ok ? r.respondents : [];
    const cells = (minCell: number) =>
      Object.fromEntries(
        Object.entries((panelFigures(borger, resp, { minCell }) as Json).breakdowns['bg.age'] as Json).map(
          ([age, c]) => [age, c.shares['digital.all'] !== null],
        ),
      );
    // 9 is under 10 and alone: the 10-cell is held back with it.
    expect(cells(10)).toEqual({ '18-29': false, '30-49': true, '50-64': false, '65+': true });
    expect(cells(9)).toEqual({ '18-29': true, '30-49': true, '50-64': true, '65+': true });
    expect(cells(11)).toEqual({ '18-29': false, '30-49': true, '50-64': false, '65+': true });
    // A round setting of 3 is raised to the floor of 5.
    expect((panelFigures(borger, resp, { minCell: 3 }) as Json).minCell).toBe(5);
    const shown = (panelFigures(borger, resp) as Json).breakdowns['bg.age']['65+'];
    expect(shown.respondents).toBe(30);
    expect(shown.shares['digital.all'].agree.share).toBeCloseTo(15 / 30, 12);
  });

  it('attacker: no item of any breakdown leaves fewer than the minimum to subtract (random panels)', () => {
    const rng = seededRandom(14);
    const random = () => rng.next();
    const ages = ['18-29', '30-49', '50-64', '65+'];
    for (let trial = 0; trial < 200; trial++) {
      const n = 10 + Math.floor(random() * 60);
      const minCell = 5 + Math.floor(random() * 8);
      const resp: PanelRespondent[] = Array.from({ length: n }, (_, i) => ({
        id: `r${i}`,
        weight: 0.5 + random() * 2,
        answers: {
          ...(random() < 0.9 ? { 'bg.age': ages[Math.floor(random() * random() * 4)]! } : {}),
          ...(random() < 0.85 ? { 'digital.all': 1 + Math.floor(random() * 5) } : {}),
        },
      }));
      const out = panelFigures(borger, resp, { minCell }) as Json;
      const answered = resp.filter((r) => r.answers['digital.all'] !== undefined);
      if (out.shares['digital.all'] === null) {
        expect(answered.length).toBeLessThan(minCell);
        continue;
      }
      const cells = out.breakdowns['bg.age'] as Json;
      // Everyone who answered but is in no shown cell: recoverable together by subtraction.
      const hidden = answered.filter((r) => {
        const age = r.answers['bg.age'] as string | undefined;
        return age === undefined || cells[age].shares['digital.all'] === null;
      }).length;
      expect(hidden === 0 || hidden >= minCell, `trial ${trial}: ${hidden} held back`).toBe(true);
      for (const age of ages) {
        const c = cells[age].shares['digital.all'];
        if (c !== null) expect(c.agree.n).toBeGreaterThanOrEqual(minCell);
      }
    }
  });
});
