import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatExchangeCsv, parseExchangeCsv } from '../../src/core/exchange/csv.ts';
import { columnLetter, MAX_CELL_LENGTH } from '../../src/core/exchange/parse.ts';
import { validateAnswers } from '../../src/core/answers/validate.ts';
import { fixture, mini } from '../helpers.ts';

const instrument = mini();
const HEADER =
  'organisation,sector,respondent,role,q.a,q.b,q.c,rank.x,rank.y,rank.z,tools,tools.other,budget';
const parse = (csv: string) => parseExchangeCsv(instrument, csv, 'in.csv');
const problems = (csv: string) => {
  const r = parse(csv);
  if (r.ok) throw new Error('expected problems');
  return r.problems.map(
    (p) =>
      `row ${p.row}${p.columnLetter ? ` ${p.columnLetter}` : ''}${p.column ? ` (${p.column})` : ''}: ${p.message}`,
  );
};

describe('exchange format: reading', () => {
  it('accepts a UTF-8 BOM and Danish letters', () => {
    const r = parse(`\uFEFF${HEADER}\nÆblegård Æø,kommune,å1,it,3,,,,,,,,\n`);
    expect(r.ok && r.organisations).toEqual([
      {
        name: 'Æblegård Æø',
        sector: 'kommune',
        respondents: [{ id: 'å1', answers: { role: 'it', 'q.a': 3 } }],
      },
    ]);
  });

  it('lists every problem with row, column and reason, and returns no data', () => {
    const csv = [
      HEADER,
      'A,kommune,1,boss,6,2,3,1,1,3,ai;ai,,-1',
      'A,region,2,chef,x,dont_know,,2,,,cloud,,abc',
      ',stat,,it,,,,,,,,,',
      'A,kommune,1,it,,,,,,,,,',
    ].join('\n');
    expect(problems(csv)).toEqual([
      'row 2 E (q.a): 6 is outside 1–5',
      'row 2 H (rank.x): rank 1 is given 2 times (rank.x, rank.y); each rank once'.replace(
        'H (rank.x)',
        'I (rank.y)',
      ),
      'row 2 K (tools): "ai" is chosen twice',
      'row 2 M (budget): -1 is outside 0–100',
      'row 3 E (q.a): "x" is not a whole number',
      'row 3 M (budget): "abc" is not a number (such as 12 or 12.5)',
      'row 3 D (role): "chef" is not one of boss, biz, it, other',
      'row 3 F (q.b): "dont_know" is not allowed for this question',
      'row 3 I (rank.y): the ranking is incomplete: rank.y, rank.z not ranked (rank all 3 or none)',
      'row 3 K (tools): "cloud" is not one of ai, rpa, other',
      'row 3 B (sector): "A" has sector "kommune" in row 2, "region" here',
      'row 4 A (organisation): organisation is missing',
      'row 4 C (respondent): respondent is missing',
      'row 5 C (respondent): respondent "1" of "A" already appears in row 2',
    ]);
  });

  it('rejects unknown columns, a wrong fixed column and duplicates in the header', () => {
    expect(problems('organisation,sektor,respondent,q.a,q.a,colour\n')).toEqual([
      'row 1 B (sektor): column B must be "sector" (found "sektor")',
      'row 1 E (q.a): column "q.a" appears twice',
      'row 1 F (colour): unknown column: "colour" is not an answer id of mini',
    ]);
  });

  it('rejects an empty file, malformed CSV, ragged rows and huge cells', () => {
    expect(problems('')).toEqual(['row 1: the file is empty: a header row is required']);
    expect(problems(`${HEADER}\nA,stat,"1,it\n`)[0]).toMatch(/^row \d+: not valid CSV/);
    expect(problems(`${HEADER}\nA,stat,1,it\n`)).toEqual(['row 2: has 4 cells; the header has 13']);
    expect(
      problems(`organisation,sector,respondent,tools.other\nA,stat,1,${'x'.repeat(MAX_CELL_LENGTH + 1)}\n`),
    ).toEqual([
      `row 2 D (tools.other): cell is ${MAX_CELL_LENGTH + 1} characters long; at most ${MAX_CELL_LENGTH} allowed`,
    ]);
  });

  it('rejects an answer to a question hidden by an earlier answer', () => {
    expect(problems(`${HEADER}\nA,stat,1,it,,,,,,,ai,why not,\n`)).toEqual([
      'row 2 L (tools.other): answered although the question is not shown for the earlier answers',
    ]);
  });

  it('skips blank lines', () => {
    const r = parse(`${HEADER}\n\nA,stat,1,it,,,,,,,,,\n,,,,,,,,,,,,\n`);
    expect(r.ok && r.respondents).toBe(1);
  });
});

describe('exchange format: writing', () => {
  it('round-trips exactly, with formulas in text cells neutralised', () => {
    const text = readFileSync(fixture('mini-two-orgs.csv'), 'utf8');
    const first = parse(text);
    if (!first.ok) throw new Error('fixture invalid');
    // The apostrophe of the file's escaped formula is removed on reading …
    expect(first.organisations[0]!.respondents[0]!.answers['tools.other']).toBe('=HYPERLINK("x")');
    const out = formatExchangeCsv(instrument, first.organisations);
    // … and written again, so that no spreadsheet runs it.
    expect(out).toContain(`"'=HYPERLINK(""x"")"`);
    const again = parse(out);
    expect(again.ok && formatExchangeCsv(instrument, again.organisations)).toBe(out);
    expect(out).toBe(text);
  });

  it('neutralises formulas in organisation names and respondent ids', () => {
    const orgs = [
      {
        name: '=cmd|calc',
        sector: 'stat' as const,
        respondents: [{ id: '@x', answers: { tools: ['other'], 'tools.other': "'=a" } }],
      },
    ];
    const out = formatExchangeCsv(instrument, orgs);
    expect(out.split('\n')[1]).toBe(`'=cmd|calc,stat,'@x,,,,,,,,other,''=a,`);
    const back = parse(out);
    expect(back.ok && back.organisations).toEqual(orgs);
  });
});

describe('answer validation for submissions', () => {
  it('requires required items only when asked to', () => {
    expect(validateAnswers(instrument, {})).toEqual([]);
    expect(validateAnswers(instrument, {}, { requireComplete: true })).toEqual([
      { answerId: 'role', code: 'required', message: 'an answer is required' },
    ]);
  });

  it('rejects unknown ids and values of the wrong type', () => {
    const p = validateAnswers(instrument, {
      nope: 1,
      'q.a': '3',
      tools: 'ai',
      role: ['it'],
      budget: 2.5,
    } as never);
    expect(p.map((x) => `${x.answerId}:${x.code}`)).toEqual([
      'nope:unknown-answer',
      'role:wrong-type',
      'q.a:wrong-type',
      'tools:wrong-type',
    ]);
  });
});

describe('column letters', () => {
  it('counts like a spreadsheet', () => {
    expect([0, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual([
      'A',
      'Z',
      'AA',
      'AB',
      'AZ',
      'BA',
      'ZZ',
      'AAA',
    ]);
  });
});

describe('exchange format: CSV as Danish Excel writes it', () => {
  const standard = [
    HEADER,
    'Aabenraa Kommune,kommune,1,it,3,4,,1,2,3,ai;rpa,,12.5',
    'Aabenraa Kommune,kommune,2,biz,5,,2,,,,,,40',
    '"Region, Syd",region,1,boss,1,1,1,3,2,1,other,ord; med semikolon,0.25',
  ].join('\n');
  // The same file as a Danish Excel saves it: semicolons, decimal comma, BOM; cells holding ;
  // are quoted, and a comma inside a name needs no quotes any more.
  const danish =
    '\uFEFF' +
    [
      HEADER.replaceAll(',', ';'),
      'Aabenraa Kommune;kommune;1;it;3;4;;1;2;3;"ai;rpa";;12,5',
      'Aabenraa Kommune;kommune;2;biz;5;;2;;;;;;40',
      'Region, Syd;region;1;boss;1;1;1;3;2;1;other;"ord; med semikolon";0,25',
    ].join('\r\n');

  it('reads semicolons and decimal commas as the standard form, and says how it read them', () => {
    const a = parse(standard);
    const b = parse(danish);
    if (!a.ok || !b.ok) throw new Error(JSON.stringify([a, b]));
    expect(b.organisations).toEqual(a.organisations);
    expect(a.organisations[1]!.respondents[0]!.answers.budget).toBe(0.25);
    expect(a.dialect).toEqual({ delimiter: ',', decimal: '.' });
    expect(b.dialect).toEqual({ delimiter: ';', decimal: ',' });
    // Whole numbers only: nothing to decide about the decimal mark.
    const whole = parse(`${HEADER}\nA,kommune,1,it,3,,,,,,,,40\n`);
    expect(whole.ok && whole.dialect).toEqual({ delimiter: ',', decimal: null });
  });

  it('refuses a file that mixes decimal marks, naming the cell and the first one that decided', () => {
    const mixed = [
      HEADER.replaceAll(',', ';'),
      'A;kommune;1;it;;;;;;;;;12,5',
      'A;kommune;2;it;;;;;;;;;7.5',
    ].join('\n');
    expect(problems(mixed)).toEqual([
      'row 3 M (budget): "7.5" uses a decimal point, but M2 uses a decimal comma; use one throughout the file',
    ]);
  });

  it('writes the Danish Excel variant and reads it back unchanged', async () => {
    const { DANISH_EXCEL_CSV } = await import('../../src/core/exchange/dialect.ts');
    const parsed = parse(standard);
    if (!parsed.ok) throw new Error('fixture invalid');
    const text = formatExchangeCsv(instrument, parsed.organisations, DANISH_EXCEL_CSV);
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text).toContain(';12,5\n');
    expect(text.split('\n')[0]).toBe(`\uFEFF${HEADER.replaceAll(',', ';')}`);
    const again = parse(text);
    expect(again.ok && again.organisations).toEqual(parsed.organisations);
    expect(again.ok && again.dialect).toEqual(DANISH_EXCEL_CSV);
    // The standard form is unchanged: no BOM, commas, decimal point.
    expect(formatExchangeCsv(instrument, parsed.organisations)).toBe(`${standard}\n`);
  });

  it('finds the delimiter from the header, not from quoted text', async () => {
    const { detectDelimiter } = await import('../../src/core/exchange/dialect.ts');
    expect(detectDelimiter('a,b,c\n1;2;3;4;5\n')).toBe(',');
    expect(detectDelimiter('\uFEFFa;b;c\n')).toBe(';');
    expect(detectDelimiter('"x;y;z;w",b,c\n')).toBe(',');
    expect(detectDelimiter('\n\na;b,c;d\n')).toBe(';');
    expect(detectDelimiter('')).toBe(',');
  });
});
