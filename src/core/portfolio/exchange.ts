/**
 * The portfolio's two exchange files (contract §6), told apart by their header: initiatives
 * (one row each) and realised gains (one row per initiative and month). CSV is read in the
 * contract's form or the Danish Excel variant (`;`, decimal comma, BOM), detected as for the
 * exchange format (`../exchange/dialect.ts`); an XLSX sheet arrives here as rows of text.
 * A file is read whole or not at all: every problem is returned with its row and column.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { detectDelimiter, STANDARD_CSV, type CsvDialect, type DecimalMark } from '../exchange/dialect.ts';
import { escapeFormula, unescapeFormula } from '../answers/values.ts';
import {
  duplicateProblems,
  initiativeProblems,
  realisationProblems,
  type ValidateOptions,
} from './validate.ts';
import type { Initiative, PortfolioProblem, Realisation, Status, Track } from './types.ts';

export const INITIATIVE_COLUMNS = [
  'organisation',
  'initiative',
  'track',
  'owner',
  'status',
  'competency',
  'start',
  'investment_dkk',
  'running_cost_dkk_per_year',
  'expected_hours_per_year',
  'expected_dkk_per_year',
  'gains_booked',
  'budget_year',
] as const;

export const REALISATION_COLUMNS = [
  'organisation',
  'initiative',
  'month',
  'realised_hours',
  'realised_dkk',
] as const;

export type PortfolioFile =
  | { readonly kind: 'initiatives'; readonly initiatives: readonly Initiative[] }
  | { readonly kind: 'realisations'; readonly realisations: readonly Realisation[] };

export type PortfolioFileResult =
  ({ ok: true } & PortfolioFile) | { ok: false; problems: PortfolioProblem[] };

export interface ReadOptions extends ValidateOptions {
  /** The initiatives realisations are checked against (those stored, plus none from the file). */
  readonly knownInitiatives: readonly Initiative[];
  /** The decimal mark of number cells: ',' for the Danish Excel variant; '.' otherwise. */
  readonly decimal?: DecimalMark;
}

const sameColumns = (header: readonly string[], columns: readonly string[]) =>
  header.length === columns.length && columns.every((c, n) => header[n] === c);

/** A header row as written: trimmed, lower case, trailing empty cells dropped. */
function normaliseHeader(row: readonly string[]): string[] {
  const header = row.map((c) => c.trim().toLowerCase());
  while (header.length && header[header.length - 1] === '') header.pop();
  return header;
}

/** Rows of text (header first) → initiatives or realisations, or every problem. */
export function readPortfolioRows(
  rows: readonly (readonly string[])[],
  options: ReadOptions,
): PortfolioFileResult {
  const header = normaliseHeader(rows[0] ?? []);
  const body = rows
    .slice(1)
    .map((cells, n) => ({ cells, row: n + 2 }))
    .filter(({ cells }) => cells.some((c) => c.trim()));
  if (sameColumns(header, INITIATIVE_COLUMNS)) return readInitiatives(body, options);
  if (sameColumns(header, REALISATION_COLUMNS)) return readRealisations(body, options);
  return {
    ok: false,
    problems: [
      {
        row: 1,
        message: `the header is neither the initiatives' columns (${INITIATIVE_COLUMNS.join(', ')}) nor the realised gains' (${REALISATION_COLUMNS.join(', ')})`,
      },
    ],
  };
}

type Body = readonly { cells: readonly string[]; row: number }[];

class Cells {
  readonly problems: PortfolioProblem[] = [];
  constructor(
    private readonly columns: readonly string[],
    private readonly cells: readonly string[],
    readonly row: number,
    private readonly decimal: DecimalMark,
  ) {}
  /** A text cell, with the CSV-injection apostrophe an export added taken off again. */
  text(column: string): string {
    return unescapeFormula((this.cells[this.columns.indexOf(column)] ?? '').trim());
  }
  optional(column: string): string | null {
    return this.text(column) || null;
  }
  /** A number (blank = 0 for amounts); NaN with a problem when it is not one. */
  number(column: string, blank: number | null = 0): number {
    const raw = this.text(column);
    if (raw === '') {
      if (blank === null) this.problems.push({ row: this.row, column, message: 'a value is required' });
      return blank ?? Number.NaN;
    }
    const plain = this.decimal === ',' ? raw.replace(',', '.') : raw;
    if (!/^-?\d+(\.\d+)?$/.test(plain)) {
      const hint =
        this.decimal === ','
          ? 'a decimal comma, no thousands separators'
          : "'.' as the decimal point, no thousands separators";
      this.problems.push({
        row: this.row,
        column,
        message: `${JSON.stringify(raw)} is not a number (use ${hint})`,
      });
      return Number.NaN;
    }
    return Number(plain);
  }
}

function readInitiatives(body: Body, options: ReadOptions): PortfolioFileResult {
  const problems: PortfolioProblem[] = [];
  const read: { initiative: Initiative; row: number }[] = [];
  for (const { cells, row } of body) {
    const c = new Cells(INITIATIVE_COLUMNS, cells, row, options.decimal ?? '.');
    const booked = c.text('gains_booked').toLowerCase();
    if (booked !== 'ja' && booked !== 'nej')
      c.problems.push({
        row,
        column: 'gains_booked',
        message: `must be ja or nej, not ${JSON.stringify(c.text('gains_booked'))}`,
      });
    const budgetYear = c.optional('budget_year');
    const initiative: Initiative = {
      organisation: c.text('organisation'),
      initiative: c.text('initiative'),
      track: c.text('track') as Track,
      owner: c.optional('owner'),
      status: c.text('status') as Status,
      competency: c.optional('competency'),
      start: c.text('start'),
      investmentDkk: c.number('investment_dkk'),
      runningCostDkkPerYear: c.number('running_cost_dkk_per_year'),
      expectedHoursPerYear: c.number('expected_hours_per_year'),
      expectedDkkPerYear: c.number('expected_dkk_per_year'),
      gainsBooked: booked === 'ja',
      budgetYear: budgetYear === null ? null : c.number('budget_year', null),
    };
    // A cell that is not a number is reported once, by the reader, not again as "not a number".
    const seen = new Set(c.problems.map((p) => p.column));
    problems.push(
      ...c.problems,
      ...initiativeProblems(initiative, options, row).filter((p) => !seen.has(p.column)),
    );
    read.push({ initiative, row });
  }
  problems.push(...duplicateProblems(read));
  return problems.length
    ? { ok: false, problems: sortProblems(problems) }
    : { ok: true, kind: 'initiatives', initiatives: read.map((r) => r.initiative) };
}

function readRealisations(body: Body, options: ReadOptions): PortfolioFileResult {
  const problems: PortfolioProblem[] = [];
  const read: { realisation: Realisation; row: number }[] = [];
  for (const { cells, row } of body) {
    const c = new Cells(REALISATION_COLUMNS, cells, row, options.decimal ?? '.');
    const realisation: Realisation = {
      organisation: c.text('organisation'),
      initiative: c.text('initiative'),
      month: c.text('month'),
      realisedHours: c.number('realised_hours'),
      realisedDkk: c.number('realised_dkk'),
    };
    const seen = new Set(c.problems.map((p) => p.column));
    problems.push(...c.problems);
    read.push({ realisation, row });
    problems.push(
      ...realisationProblems([{ realisation, row }], options.knownInitiatives).filter(
        (p) => !seen.has(p.column),
      ),
    );
  }
  // Duplicates across rows (the per-row check above sees one row at a time).
  problems.push(
    ...realisationProblems(read, options.knownInitiatives).filter((p) => /given twice/.test(p.message)),
  );
  return problems.length
    ? { ok: false, problems: sortProblems(problems) }
    : { ok: true, kind: 'realisations', realisations: read.map((r) => r.realisation) };
}

const sortProblems = (problems: PortfolioProblem[]) => problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

export type CsvRowsResult =
  { ok: true; rows: string[][]; decimal: DecimalMark } | { ok: false; problems: PortfolioProblem[] };

/** A CSV text (either dialect, BOM or not) as rows; the Danish Excel variant (`;`) carries a decimal comma. */
export function portfolioCsvRows(text: string): CsvRowsResult {
  const delimiter = detectDelimiter(text);
  try {
    const rows = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
    }) as string[][];
    return { ok: true, rows, decimal: delimiter === ';' ? ',' : '.' };
  } catch (err) {
    const e = err as Error & { lines?: number };
    return {
      ok: false,
      problems: [{ row: e.lines ?? 1, message: `not valid CSV: ${e.message.replace(/^Invalid \w+: /, '')}` }],
    };
  }
}

/** A CSV text (either dialect, BOM or not) → initiatives or realisations. */
export function readPortfolioCsv(text: string, options: Omit<ReadOptions, 'decimal'>): PortfolioFileResult {
  const read = portfolioCsvRows(text);
  return read.ok ? readPortfolioRows(read.rows, { ...options, decimal: read.decimal }) : read;
}

const num = (value: number, decimal: DecimalMark | null) =>
  decimal === ',' ? String(value).replace('.', ',') : String(value);

/** Initiatives as rows of text, header first (for CSV and XLSX). */
export function initiativeRows(
  initiatives: readonly Initiative[],
  decimal: DecimalMark | null = '.',
): string[][] {
  return [
    [...INITIATIVE_COLUMNS],
    ...initiatives.map((i) => [
      escapeFormula(i.organisation),
      escapeFormula(i.initiative),
      i.track,
      escapeFormula(i.owner ?? ''),
      i.status,
      i.competency ?? '',
      i.start,
      num(i.investmentDkk, decimal),
      num(i.runningCostDkkPerYear, decimal),
      num(i.expectedHoursPerYear, decimal),
      num(i.expectedDkkPerYear, decimal),
      i.gainsBooked ? 'ja' : 'nej',
      i.budgetYear === null ? '' : String(i.budgetYear),
    ]),
  ];
}

export function realisationRows(
  realisations: readonly Realisation[],
  decimal: DecimalMark | null = '.',
): string[][] {
  return [
    [...REALISATION_COLUMNS],
    ...realisations.map((r) => [
      escapeFormula(r.organisation),
      escapeFormula(r.initiative),
      r.month,
      num(r.realisedHours, decimal),
      num(r.realisedDkk, decimal),
    ]),
  ];
}

/** Rows as CSV text: the contract's form, or the Danish Excel variant (with a BOM). */
export function formatPortfolioCsv(
  rows: readonly (readonly string[])[],
  dialect: CsvDialect = STANDARD_CSV,
): string {
  const csv = stringify(rows as string[][], { record_delimiter: '\n', delimiter: dialect.delimiter });
  return dialect.delimiter === STANDARD_CSV.delimiter ? csv : `\uFEFF${csv}`;
}
