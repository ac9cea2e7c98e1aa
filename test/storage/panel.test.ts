/**
 * The citizen panel stored on both backends: a panel provider's file imported into a round
 * (all or nothing, replacing the round's panel), every bad input refused with row and column
 * and nothing written, the database's own check on weights, and the figures read back from
 * what is stored: Wilson intervals on Kish's n_eff against hand-computed values, and the
 * breakdown cells at the round's minimum − 1, the minimum and + 1.
 */
import { expect, it } from 'vitest';
import { panelInstrument, importPanel, roundPanelFigures } from '../../src/api/services/panel.ts';
import { readPanelData } from '../../src/files/panel-file.ts';
import {
  hasAuditEntry,
  listPanelRespondents,
  requireRoundByName,
  setPanelMinCell,
  setRoundStatus,
  replacePanelRespondents,
  type Db,
} from '../../src/storage/index.ts';
import { describeEachBackend } from './backends.ts';

interface Share {
  share: number;
  ci95: [number, number];
  n: number;
  nEffective: number;
}
type Shares = Record<string, Record<string, Share> | null>;
type Cells = Record<string, { respondents: number | null; shares: Shares }>;

const HEADER = 'respondent,weight,bg.age,bg.region,digital.all,priority';

async function importText(db: Db, round: string, text: string, minCell?: number) {
  const { instrument, source } = await panelInstrument(db, round);
  const parsed = await readPanelData(instrument, Buffer.from(text), 'csv', 'panel.csv');
  if (!parsed.ok) return { problems: parsed.problems };
  return {
    summary: await importPanel(db, {
      roundName: round,
      source,
      respondents: parsed.respondents,
      actor: 'test',
      minCell,
    }),
  };
}

/** Ten citizens: four agree (weights 2, 2, 1, 1), six do not (1, 1, 1, 1, 0.5, 0.5). */
const TEN = [
  HEADER,
  'a1,2,18-29,hovedstaden,5,fleksibilitet',
  'a2,2,30-49,hovedstaden,4,fleksibilitet',
  'a3,1,50-64,sjaelland,4,hurtighed',
  'a4,1,65+,sjaelland,5,ensartethed',
  'a5,1,18-29,syddanmark,1,fleksibilitet',
  'a6,1,30-49,syddanmark,2,fleksibilitet',
  'a7,1,50-64,midtjylland,3,ved-ikke',
  'a8,1,65+,midtjylland,1,hurtighed',
  'a9,"0,5",18-29,nordjylland,2,fleksibilitet',
  'a10,,30-49,nordjylland,3,',
].join('\n');
// a10's blank weight is 1, so the weights are 2,2,1,1,1,1,1,1,0.5,1 — see the hand computation below.

describeEachBackend('citizen panel storage', (getDb) => {
  it('imports a good file, re-imports it without change, and replaces the panel with a new file', async () => {
    const db = getDb();
    const first = await importText(db, 'borgere-2026', TEN);
    expect(first.summary).toMatchObject({
      roundCreated: true,
      respondents: 10,
      replaced: 0,
      unchanged: false,
    });
    expect(first.summary!.weightSum).toBeCloseTo(11.5, 12);
    const stored = await listPanelRespondents(db, (await requireRoundByName(db, 'borgere-2026')).id);
    expect(stored.map((r) => r.id)).toEqual(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10']);
    expect(stored.map((r) => r.weight)).toEqual([2, 2, 1, 1, 1, 1, 1, 1, 0.5, 1]);
    expect(stored[0]!.answers).toEqual({
      'bg.age': '18-29',
      'bg.region': 'hovedstaden',
      'digital.all': 5,
      priority: 'fleksibilitet',
    });
    expect(stored[9]!.answers).not.toHaveProperty('priority');

    const again = await importText(db, 'borgere-2026', TEN);
    expect(again.summary).toMatchObject({ roundCreated: false, unchanged: true, replaced: 0 });

    const smaller = await importText(
      db,
      'borgere-2026',
      [HEADER, 'z1,1.5,65+,sjaelland,4,hurtighed'].join('\n'),
    );
    expect(smaller.summary).toMatchObject({ respondents: 1, replaced: 10, unchanged: false });
    const after = await listPanelRespondents(db, (await requireRoundByName(db, 'borgere-2026')).id);
    expect(after).toEqual([
      { id: 'z1', weight: 1.5, answers: expect.objectContaining({ 'digital.all': 4 }) },
    ]);
    expect(await hasAuditEntry(db, { action: 'round.panel-import' }, { after: 0 })).toBe(true);
  });

  it.each([
    ['a weight of 0', 'b1,0,18-29,hovedstaden,4,hurtighed', 2, 'B', 'weight', /greater than 0/],
    ['a negative weight', 'b1,-1.5,18-29,hovedstaden,4,hurtighed', 2, 'B', 'weight', /greater than 0/],
    ['a non-numeric weight', 'b1,heavy,18-29,hovedstaden,4,hurtighed', 2, 'B', 'weight', /positive number/],
    ['an unknown age band', 'b1,1,17-20,hovedstaden,4,hurtighed', 2, 'C', 'bg.age', /17-20/],
    ['a scale answer out of range', 'b1,1,18-29,hovedstaden,7,hurtighed', 2, 'E', 'digital.all', /7/],
    ['an unknown priority', 'b1,1,18-29,hovedstaden,4,langsomt', 2, 'F', 'priority', /langsomt/],
  ])(
    'refuses %s with its row and column, importing nothing',
    async (_what, bad, row, letter, column, reason) => {
      const db = getDb();
      await importText(db, 'borgere-2026', TEN);
      const text = [HEADER, 'ok1,1,30-49,sjaelland,2,hurtighed', bad.replace('b1', 'b2'), bad].join('\n');
      const result = await importText(db, 'borgere-2026', text);
      expect(result.summary).toBeUndefined();
      const problems = result.problems!;
      expect(problems.length).toBeGreaterThanOrEqual(2);
      expect(problems[0]).toMatchObject({ row: row + 1, column, columnLetter: letter });
      expect(problems[0]!.message).toMatch(reason);
      expect(problems[1]).toMatchObject({ row: row + 2, column });
      // nothing imported: the round still holds the ten of the good file
      expect(await listPanelRespondents(db, (await requireRoundByName(db, 'borgere-2026')).id)).toHaveLength(
        10,
      );
    },
  );

  it('refuses an organisation or sector column in a citizen file', async () => {
    const db = getDb();
    const result = await importText(
      db,
      'borgere-2026',
      ['respondent,weight,organisation,digital.all', 'c1,1,Askeby Kommune,4'].join('\n'),
    );
    expect(result.problems).toEqual([
      expect.objectContaining({
        row: 1,
        column: 'organisation',
        columnLetter: 'C',
        message: expect.stringMatching(/no organisation/),
      }),
    ]);
    const none = await importText(
      db,
      'borgere-2026',
      ['respondent,sector,digital.all', 'c1,kommune,4'].join('\n'),
    );
    expect(none.problems?.[0]).toMatchObject({ row: 1, column: 'sector' });
  });

  it('has the database refuse a weight ≤ 0 and keeps the earlier panel whole', async () => {
    const db = getDb();
    await importText(db, 'borgere-2026', TEN);
    const round = await requireRoundByName(db, 'borgere-2026');
    await expect(
      replacePanelRespondents(db, round.id, [
        { id: 'x1', weight: 1, answers: {} },
        { id: 'x2', weight: 0, answers: {} },
      ]),
    ).rejects.toThrow();
    expect(await listPanelRespondents(db, round.id)).toHaveLength(10);
    await expect(setPanelMinCell(db, round.id, 4, 'test')).rejects.toThrow();
  });

  it("keeps a closed round's panel", async () => {
    const db = getDb();
    await importText(db, 'borgere-2026', TEN);
    await setRoundStatus(db, 'borgere-2026', 'closed');
    await expect(
      importText(db, 'borgere-2026', [HEADER, 'z1,1,65+,sjaelland,4,hurtighed'].join('\n')),
    ).rejects.toThrow(/closed/);
    expect(await listPanelRespondents(db, (await requireRoundByName(db, 'borgere-2026')).id)).toHaveLength(
      10,
    );
    expect((await importText(db, 'borgere-2026', TEN)).summary?.unchanged).toBe(true);
  });

  it("computes the weighted shares and Wilson intervals on Kish's n_eff from the stored panel", async () => {
    const db = getDb();
    await importText(db, 'borgere-2026', TEN);
    const { figures } = await roundPanelFigures(db, await requireRoundByName(db, 'borgere-2026'));
    // By hand: agree = a1..a4, Σw = 2+2+1+1 = 6 of Σw = 11.5; Σw² = 4+4+1+1+1+1+1+1+0.25+1 = 15.25;
    // n_eff = 11.5² / 15.25 = 132.25 / 15.25 = 8.672131…; p = 6 / 11.5 = 0.521739…
    // Wilson (z = 1.959964): centre = (p + z²/2n) / (1 + z²/n), half = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²)
    const agree = (figures.shares as unknown as Shares)['digital.all']!['agree']!;
    expect(agree.n).toBe(10);
    expect(agree.share).toBeCloseTo(6 / 11.5, 12);
    expect(agree.nEffective).toBeCloseTo(132.25 / 15.25, 10);
    expect(agree.ci95[0]).toBeCloseTo(0.2382169, 6);
    expect(agree.ci95[1]).toBeCloseTo(0.7919143, 6);
    expect(figures).toMatchObject({ round: 'borgere-2026', respondents: 10, weightSum: 11.5, minCell: 10 });
    // priority: nine answered (a10 left it blank), below the minimum of 10: not shown
    expect((figures.shares as unknown as Shares)['priority']).toBeNull();
  });

  it("shows a breakdown cell at the round's minimum and + 1, never at − 1 (nor its complement)", async () => {
    const db = getDb();
    const rows = [HEADER];
    let i = 0;
    const add = (n: number, age: string) => {
      for (let j = 0; j < n; j++) rows.push(`r${++i},1,${age},hovedstaden,${j % 2 ? 4 : 2},hurtighed`);
    };
    add(9, '18-29');
    add(10, '30-49');
    add(11, '50-64');
    add(20, '65+');
    rows.push(`r${++i},1,,hovedstaden,4,hurtighed`); // no age: with the 9 the hidden part is 10
    await importText(db, 'borgere-2026', rows.join('\n'), 10);
    const round = await requireRoundByName(db, 'borgere-2026');
    const ages = async () =>
      ((await roundPanelFigures(db, round)).figures.breakdowns as unknown as Record<string, Cells>)[
        'bg.age'
      ]!;
    let cells = await ages();
    expect(cells['18-29']!.respondents).toBeNull();
    expect(cells['18-29']!.shares['digital.all']).toBeNull();
    expect(cells['30-49']!.respondents).toBe(10);
    expect(cells['30-49']!.shares['digital.all']!['agree']!.n).toBe(10);
    expect(cells['50-64']!.respondents).toBe(11);
    expect(cells['65+']!.shares['digital.all']!['agree']!.share).toBeCloseTo(0.5, 12);

    // the round's minimum raised to 11: the cell of 10 is now one below it
    await setPanelMinCell(db, round.id, 11, 'test');
    cells = await ages();
    expect(cells['30-49']!.respondents).toBeNull();
    expect(cells['50-64']!.respondents).toBe(11);

    // without the respondent of no age, the 9 hidden could be had by subtraction: the
    // smallest shown cell (the 10) is held back too
    await setPanelMinCell(db, round.id, 10, 'test');
    await importText(db, 'borgere-2026', rows.slice(0, -1).join('\n'));
    cells = await ages();
    expect(cells['18-29']!.respondents).toBeNull();
    expect(cells['30-49']!.respondents).toBeNull();
    expect(cells['50-64']!.respondents).toBe(11);
    // the attacker's sum: whatever is hidden (plus no-age answers) is never 1..minimum−1 people
    const shown = Object.values(cells)
      .map((c) => c.respondents ?? 0)
      .reduce((a, b) => a + b, 0);
    const hidden = 50 - shown;
    expect(hidden === 0 || hidden >= 10).toBe(true);
  });
});
