/**
 * The summary a board reads: the interval and "no clear change" rule against hand-computed
 * values, the response rate, the mix of roles and the own answers at the respondent minimum ± 1.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { changeVerdict, respondentInterval, t975 } from '../../src/core/change/interval.ts';
import type { RespondentData } from '../../src/core/exchange/types.ts';
import { buildOrganisationReport } from '../../src/reports/organisation/model/build.ts';
import { renderReportHtml } from '../../src/reports/organisation/html/page.ts';
import { reportWorkbook } from '../../src/reports/organisation/xlsx.ts';
import { input, instrument, peers, planItem } from './fixtures.ts';

const MIN = 3; // the fixtures' respondent minimum

describe('the interval over respondents', () => {
  it('uses Student’s t: the table up to 30 degrees of freedom, close beyond', () => {
    expect(t975(1)).toBe(12.706);
    expect(t975(4)).toBe(2.776);
    expect(t975(30)).toBe(2.042);
    // Published values: t(0.975, 40) = 2.021, 60 = 2.000, 120 = 1.980.
    expect(t975(40)).toBeCloseTo(2.021, 3);
    expect(t975(60)).toBeCloseTo(2.0, 3);
    expect(t975(120)).toBeCloseTo(1.98, 3);
    expect(() => t975(0)).toThrow(/degrees of freedom/);
  });

  it('is the value ± t·s/√n over the respondents’ own values, hand-computed', () => {
    // 2, 3, 4: s = 1, n = 3, t(2) = 4.303 → half-width 4.303 / √3 = 2.48434.
    const a = respondentInterval(3, [2, 3, null, 4])!;
    expect(a.n).toBe(3);
    expect(a.low).toBeCloseTo(3 - 2.48434, 4);
    expect(a.high).toBeCloseTo(3 + 2.48434, 4);
    // Centred on the organisation's own value, not the respondents' mean: 1, 5 → s = √8, half 12.706·√8/√2 = 25.412.
    const b = respondentInterval(3.2, [1, 5])!;
    expect(b.low).toBeCloseTo(3.2 - 25.412, 3);
    expect(b.high).toBeCloseTo(3.2 + 25.412, 3);
    expect(respondentInterval(3, [3])).toBeNull();
    expect(respondentInterval(null, [1, 2])).toBeNull();
  });

  it('says up or down only when the intervals do not overlap', () => {
    const iv = (low: number, high: number) => ({ value: (low + high) / 2, low, high, n: 5 });
    expect(changeVerdict(iv(40, 50), iv(51, 60))).toBe('up');
    expect(changeVerdict(iv(51, 60), iv(40, 50))).toBe('down');
    expect(changeVerdict(iv(40, 50), iv(50, 60))).toBe('no-clear-change');
    expect(changeVerdict(iv(40, 50), iv(45, 48))).toBe('no-clear-change');
    expect(changeVerdict(null, iv(45, 48))).toBe('unknown');
  });
});

/** The first fixture organisation with `n` respondents. */
function withRespondents(n: number, edit: (r: RespondentData, i: number) => RespondentData = (r) => r) {
  const orgs = peers(24, 6);
  const first = orgs[0]!;
  const respondents = Array.from({ length: n }, (_, i) =>
    edit({ ...first.respondents[i % 6]!, id: `p${i}` }, i),
  );
  return [{ ...first, respondents }, ...orgs.slice(1)];
}

describe('the board summary', () => {
  it('gives answered of invited, and the roles only from the respondent minimum', () => {
    for (const n of [MIN - 1, MIN, MIN + 1]) {
      const report = buildOrganisationReport(
        input({ organisations: withRespondents(n), participation: { invited: 8, answered: n } }),
      );
      const b = report.summary.board;
      expect(b.response).toEqual({ answered: n, invited: 8, rate: n / 8 });
      if (n < MIN) {
        expect(b.roles).toEqual({ hidden: expect.stringContaining(`mindst ${MIN}`) });
        expect(
          renderReportHtml(report, { stylesheet: { inline: '' }, links: null, canEdit: false }),
        ).not.toContain('summary-roles');
      } else {
        const counts = (b.roles as { counts: { code: string; count: number }[] }).counts;
        expect(counts.reduce((a, c) => a + c.count, 0)).toBe(n);
        expect(counts.find((c) => c.code === 'topleder')!.count).toBe(Math.min(n, 3));
        expect(counts.find((c) => c.code === 'it')!.count).toBe(Math.max(0, n - 3));
      }
    }
    expect(buildOrganisationReport(input()).summary.board.response).toBeNull();
  });

  it('has the comparison group’s index median from the release, and the 2018 study for the stage', () => {
    const report = buildOrganisationReport(input());
    const b = report.summary.board;
    const group = report.benchmark.comparison!;
    expect(b.comparison).toEqual({
      group: group.label,
      figure: report.benchmark.dimensions[0]!.figures[group.id],
    });
    const stage = report.summary.stage!.id;
    const ref = instrument.def.references[0]!.values.find(
      (v) => v.figure === 'stages' && v.categories!.includes(stage),
    )!;
    expect(b.reference!.text).toContain(`${ref.count} af 20`);
  });

  it('lists the largest positive domain gaps and the plan’s open items by due date, else the advice', () => {
    const report = buildOrganisationReport(
      input({
        plan: [
          planItem({ id: 1, title: 'Sidst', dueDate: '2026-12-01' }),
          planItem({ id: 2, title: 'Færdig', dueDate: '2026-01-01', status: 'done' }),
          planItem({ id: 3, title: 'Uden dato', dueDate: null, status: 'planned' }),
          planItem({ id: 4, title: 'Først', dueDate: '2026-02-01' }),
          planItem({ id: 5, title: 'Midt', dueDate: '2026-05-01' }),
        ],
      }),
    );
    const b = report.summary.board;
    const expected = report.domains.rows
      .filter((d) => d.gap! > 0)
      .sort((x, y) => y.gap! - x.gap!)
      .slice(0, 3)
      .map((d) => d.id);
    expect(b.gaps.map((g) => g.id)).toEqual(expected);
    expect(b.actions.source).toBe('plan');
    expect(b.actions.items.map((i) => i.title)).toEqual(['Først', 'Midt', 'Sidst']);
    const none = buildOrganisationReport(input({ plan: [planItem({ status: 'done' })] })).summary.board;
    expect(none.actions.source).toBe('advice');
    expect(none.actions.items.map((i) => i.title)).toEqual(report.advice.slice(0, 3).map((a) => a.label));
  });

  it('says "no clear change" when the same respondents answered the same, and when the respondents changed', () => {
    const base = input();
    const same = buildOrganisationReport({
      ...base,
      history: [{ ...base.history[0]!, data: base.version.data }],
    }).summary.board.change!;
    expect(same.respondents).toEqual({ previous: 6, current: 6, same: true });
    expect(same.rows.every((r) => r.verdict === 'no-clear-change')).toBe(true);
    expect(same.note).toContain('De samme 6');

    // Last round every respondent answered every scale at its lowest: no spread, well below now.
    const low = base.version.data.respondents.slice(0, 4).map((r) => ({
      id: `old-${r.id}`,
      answers: Object.fromEntries(
        Object.entries(r.answers).map(([k, v]) => [k, typeof v === 'number' && k.startsWith('how.') ? 1 : v]),
      ),
    }));
    const changed = buildOrganisationReport({
      ...base,
      history: [{ ...base.history[0]!, data: { ...base.version.data, respondents: low } }],
    }).summary.board.change!;
    expect(changed.respondents).toEqual({ previous: 4, current: 6, same: false });
    expect(changed.note).toContain('4, nu 6');
    const index = changed.rows.find((r) => r.id === 'index')!;
    expect(index.previous!.n).toBe(4);
    expect(index.current!.n).toBe(6);
    expect(index.verdict).toBe(index.current!.low > index.previous!.high ? 'up' : 'no-clear-change');
    const leadership = changed.rows.find((r) => r.id === 'leadership')!;
    expect(leadership.previous!.value).toBe(1);
    expect(leadership.previous!.low).toBe(1);
    expect(leadership.previous!.high).toBe(1);
    expect(leadership.verdict).toBe(leadership.current!.low > 1 ? 'up' : 'no-clear-change');
    expect(changed.rows.some((r) => r.verdict === 'up')).toBe(true);
  });
});

describe('what the organisation’s own leaders said', () => {
  const said = (n: number, otherWriters: number) =>
    buildOrganisationReport(
      input({
        organisations: withRespondents(n, (r, i) => ({
          ...r,
          answers: {
            ...r.answers,
            'reflection.barrier': i < otherWriters ? ['budget', 'other'] : ['budget'],
            'reflection.barrier.other': i < otherWriters ? `Andet ${i}` : undefined,
            'reflection.digital.budget.share': 10 + i,
            'reflection.comment': `Kommentar ${n - i}`,
          } as RespondentData['answers'],
        })),
      }),
    ).answers;

  it('shows nothing from fewer than the respondent minimum', () => {
    const a = said(MIN - 1, MIN - 1);
    expect(a.choices).toEqual([]);
    expect(a.numbers).toEqual([]);
    expect(a.texts).toEqual([]);
    expect(a.textsHidden).toContain(`${MIN}`);
    expect(a.choicesHidden).toContain(`${MIN}`);
  });

  it('from the minimum: shares, the budget share’s median, and sorted texts', () => {
    for (const n of [MIN, MIN + 1]) {
      const a = said(n, n);
      expect(a.choices.find((c) => c.id === 'reflection.barrier')!.answered).toBe(n);
      // 10, 11, 12 → 11; 10 … 13 → 11.5.
      expect(a.numbers).toEqual([
        expect.objectContaining({ id: 'reflection.digital.budget.share', median: n === 3 ? 11 : 11.5 }),
      ]);
      const comments = a.texts.find((x) => x.id === 'reflection.comment')!.answers;
      expect(comments).toEqual([...comments].sort());
      expect(comments).toHaveLength(n);
      expect(a.texts.find((x) => x.id === 'reflection.barrier.other')!.answers).toHaveLength(n);
    }
  });

  it('hides a follow-up text asked of fewer than the minimum, though the organisation has enough', () => {
    const a = said(MIN + 1, MIN - 1);
    expect(a.texts.map((x) => x.id)).toEqual(['reflection.comment']);
    expect(said(MIN + 1, MIN).texts.map((x) => x.id)).toContain('reflection.barrier.other');
  });
});

describe('the workbook', () => {
  it('compares with each peer group in numbers formatted to their shown precision, dates in Copenhagen time', async () => {
    const report = buildOrganisationReport(input());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportWorkbook(report)) as unknown as ArrayBuffer);
    const ws = workbook.getWorksheet('Sammenligning med grupper')!;
    const b = report.benchmark;
    expect(ws.rowCount).toBe(1 + b.dimensions.length * b.groups.length);
    const index = b.dimensions[0]!;
    b.groups.forEach((g, i) => {
      const row = ws.getRow(2 + i);
      const fig = index.figures[g.id]!;
      expect(row.getCell(3).value).toBe(g.label);
      expect(row.getCell(2).value).toBe(index.value);
      expect(row.getCell(2).numFmt).toBe(index.decimals === 0 ? '0' : `0.${'0'.repeat(index.decimals)}`);
      if (fig.status === 'ok') {
        expect(row.getCell(6).value).toBe(fig.median);
        expect(row.getCell(6).numFmt).toBe(`0.${'0'.repeat(index.decimals + 1)}`);
      } else if (fig.status === 'banded') {
        expect([row.getCell(8).value, row.getCell(9).value]).toEqual(fig.band);
      } else {
        expect(row.getCell(6).value).toBeNull();
        expect(row.getCell(10).value).toBe('For få til at sammenligne');
      }
    });
    expect(b.groups.some((g) => index.figures[g.id]!.status === 'ok')).toBe(true);
    // 2026-11-20T08:00Z is 09:00 in Copenhagen (winter time); 2026-11-23T12:00Z is 13:00.
    const summary = workbook.worksheets[0]!;
    const cells = summary.getColumn(2).values.filter((v): v is Date => v instanceof Date);
    expect(cells.map((d) => d.toISOString())).toEqual([
      '2026-11-20T09:00:00.000Z',
      '2026-11-23T13:00:00.000Z',
    ]);
  });
});
