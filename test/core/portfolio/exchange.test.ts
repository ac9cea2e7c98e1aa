import { describe, expect, it } from 'vitest';
import {
  formatPortfolioCsv,
  initiativeRows,
  readPortfolioCsv,
  realisationRows,
} from '../../../src/core/portfolio/exchange.ts';
import { DANISH_EXCEL_CSV } from '../../../src/core/exchange/dialect.ts';
import { adoptTemplate, CATALOGUE } from '../../../src/core/portfolio/catalogue.ts';
import type { Initiative } from '../../../src/core/portfolio/types.ts';

const competencies = new Set(['leadership', 'methods', 'services']);
const HEADER =
  'organisation,initiative,track,owner,status,competency,start,investment_dkk,running_cost_dkk_per_year,expected_hours_per_year,expected_dkk_per_year,gains_booked,budget_year';
const opts = { competencies, knownInitiatives: [] as Initiative[] };

describe('portfolio files', () => {
  it('reads the initiatives file', () => {
    const csv = `${HEADER}\nVejle,Skærmbesøg,skal-loesninger,Anne,i-drift,methods,2026-01,250000.5,10000,0,1000000,ja,2026\n`;
    const r = readPortfolioCsv(csv, opts);
    expect(r).toMatchObject({ ok: true, kind: 'initiatives' });
    if (r.ok && r.kind === 'initiatives')
      expect(r.initiatives[0]).toMatchObject({
        investmentDkk: 250000.5,
        gainsBooked: true,
        budgetYear: 2026,
        competency: 'methods',
      });
  });

  it('rejects bad rows with row and column, whole', () => {
    const csv = [
      HEADER,
      'Vejle,A,skal-loesninger,,i-drift,,2026-01,-5,0,0,0,nej,',
      'Vejle,B,ukendt-spor,,i-drift,,2026-13,0,0,0,0,nej,',
      'Vejle,C,forudsaetninger,,foo,nope,2026-01,0,0,1.000,0,maybe,',
      'Vejle, a ,forudsaetninger,,ide,,2026-01,0,0,0,0,ja,',
    ].join('\n');
    const r = readPortfolioCsv(csv, opts);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const where = r.problems.map((p) => `${p.row}:${p.column}`);
    expect(where).toEqual(
      expect.arrayContaining([
        '2:investment_dkk',
        '3:track',
        '3:start',
        '4:status',
        '4:competency',
        '4:gains_booked',
        '5:initiative',
        '5:budget_year',
      ]),
    );
    expect(r.problems.find((p) => p.row === 5 && p.column === 'initiative')!.message).toMatch(
      /already.*row 2/,
    );
    // 1.000 is a valid decimal in the standard form, so no problem there
    expect(where).not.toContain('4:expected_hours_per_year');
  });

  it('reads realisations against known initiatives: unknown, before start, twice, negative', () => {
    const known: Initiative[] = [
      {
        organisation: 'Vejle',
        initiative: 'A',
        track: 'skal-loesninger',
        owner: null,
        status: 'i-drift',
        competency: null,
        start: '2026-03',
        investmentDkk: 0,
        runningCostDkkPerYear: 0,
        expectedHoursPerYear: 0,
        expectedDkkPerYear: 0,
        gainsBooked: false,
        budgetYear: null,
      },
    ];
    const good = readPortfolioCsv(
      'organisation,initiative,month,realised_hours,realised_dkk\nVejle,a,2026-03,2.5,100\n',
      {
        competencies,
        knownInitiatives: known,
      },
    );
    expect(good).toMatchObject({
      ok: true,
      kind: 'realisations',
      realisations: [{ realisedHours: 2.5, initiative: 'a' }],
    });
    const bad = readPortfolioCsv(
      'organisation,initiative,month,realised_hours,realised_dkk\nVejle,A,2026-02,0,1\nVejle,Z,2026-04,0,1\nVejle,A,2026-04,-1,x\nVejle,A,2026-04,0,1\n',
      { competencies, knownInitiatives: known },
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => `${p.row}:${p.column}`)).toEqual([
        '2:month',
        '3:initiative',
        '4:realised_dkk',
        '4:realised_hours',
        '5:month',
      ]);
  });

  it('tells an unknown header', () => {
    const r = readPortfolioCsv('organisation,initiative\nx,y\n', opts);
    expect(r).toMatchObject({ ok: false, problems: [{ row: 1 }] });
  });

  it('writes and reads back the Danish Excel variant (semicolons, decimal comma, BOM)', () => {
    const i = { ...adoptTemplate(CATALOGUE[0]!, '=Vejle', '2026-01'), investmentDkk: 1234.5, owner: 'Bo' };
    const csv = formatPortfolioCsv(initiativeRows([i], ','), DANISH_EXCEL_CSV);
    expect(csv.startsWith('\uFEFForganisation;initiative;')).toBe(true);
    expect(csv).toContain(';1234,5;');
    expect(csv).toContain("'=Vejle");
    const back = readPortfolioCsv(csv, opts);
    expect(back).toEqual({ ok: true, kind: 'initiatives', initiatives: [i] });
    const r = formatPortfolioCsv(
      realisationRows([
        { organisation: 'V', initiative: 'x', month: '2026-01', realisedHours: 1.5, realisedDkk: 2 },
      ]),
    );
    expect(r).toBe('organisation,initiative,month,realised_hours,realised_dkk\nV,x,2026-01,1.5,2\n');
  });

  it('rejects thousands separators in the Danish variant', () => {
    const csv = `${HEADER.replaceAll(',', ';')}\nV;A;skal-loesninger;;ide;;2026-01;1.000.000;0;0;0;nej;\n`;
    const r = readPortfolioCsv(csv, opts);
    expect(r).toMatchObject({ ok: false, problems: [{ row: 2, column: 'investment_dkk' }] });
  });
});
