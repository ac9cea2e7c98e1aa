/**
 * Reads the exchange format (one row per respondent) from rows of cells. The whole input is
 * checked before anything is returned: either every row is valid, or every problem is listed
 * with its row, column and reason.
 */
import { decimalMarkOf, toPointDecimal, type CsvDialect, type DecimalMark } from './dialect.ts';
import { validateAnswers } from '../answers/validate.ts';
import { parseCell, unescapeFormula } from '../answers/values.ts';
import type { AnswerValue, Instrument } from '../instrument/types.ts';
import {
  attributeOfColumn,
  attributeProblem,
  attributesFromCells,
  organisationRules,
} from '../organisations/attributes.ts';
import {
  FIXED_COLUMNS,
  type ExchangeProblem,
  type OrganisationData,
  type RespondentData,
  type Sector,
} from './types.ts';

export type ExchangeResult =
  | {
      ok: true;
      organisations: OrganisationData[];
      respondents: number;
      /** The decimal mark the file's number cells use (null: no decimal number in it). */
      decimal: DecimalMark | null;
      /** CSV only: how the file was read (delimiter detected from the header). */
      dialect?: CsvDialect;
    }
  | { ok: false; problems: ExchangeProblem[] };

/** Stop collecting after this many problems: a wrong file would otherwise list millions. */
export const MAX_PROBLEMS = 1000;
export const MAX_CELL_LENGTH = 20_000;

const markName = (mark: DecimalMark) => (mark === ',' ? 'comma' : 'point');

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export function parseExchangeRows(
  instrument: Instrument,
  rows: readonly (readonly string[])[],
  file: string,
): ExchangeResult {
  const reader = exchangeReader(instrument, file);
  for (const cells of rows) reader.row(cells);
  return reader.finish();
}

export interface ExchangeReader {
  /** The next row of the file (the header first). */
  row(cells: readonly string[]): void;
  finish(): ExchangeResult;
}

/**
 * Reads the exchange format row by row, so that a large file never has to exist as one
 * array of rows: at EU scale that array alone holds millions of strings.
 */
/** A file's problems, collected up to MAX_PROBLEMS: `add(row, column index, column name, message)`. */
export function problemList(file: string) {
  const problems: ExchangeProblem[] = [];
  const add = (row: number, col: number | undefined, column: string | undefined, message: string) => {
    if (problems.length >= MAX_PROBLEMS) return;
    const p: ExchangeProblem = { file, row, message };
    if (column !== undefined) p.column = column;
    if (col !== undefined) p.columnLetter = columnLetter(col);
    problems.push(p);
  };
  return { problems, add };
}

export function exchangeReader(instrument: Instrument, file: string): ExchangeReader {
  const { problems, add } = problemList(file);

  let header: string[] | null = null;
  let headerOk = false;
  const seenColumns = new Map<string, number>();
  /** `org.*` columns: attribute key by column index. */
  const attributeColumns = new Map<number, string>();
  const rules = organisationRules(instrument);
  const orgs = new Map<
    string,
    {
      name: string;
      sector: Sector;
      sectorRow: number;
      respondents: RespondentData[];
      ids: Map<string, number>;
      /** Per attribute: its value and the row that gave it first. */
      attributes: Map<string, { value: string; row: number }>;
    }
  >();
  let respondents = 0;
  let rowNo = 0;
  /** The first decimal number's mark decides the file's; where it was, for the message. */
  let decimal: { mark: DecimalMark; row: number; column: string } | null = null;

  const readHeader = (cells: readonly string[]) => {
    header = cells.map((h, i) => (i === 0 ? h.replace(/^\uFEFF/, '') : h).trim());
    if (header.every((h) => h === '')) return;
    const h = header;
    FIXED_COLUMNS.forEach((name, i) => {
      if (h[i] !== name) {
        add(
          1,
          i,
          h[i],
          `column ${columnLetter(i)} must be "${name}" (found ${h[i] ? `"${h[i]}"` : 'nothing'})`,
        );
      }
    });
    h.forEach((name, i) => {
      if (i < FIXED_COLUMNS.length) return;
      const attribute = attributeOfColumn(name);
      if (name === '') add(1, i, undefined, 'empty column header');
      else if (attribute !== null) {
        if (seenColumns.has(name)) add(1, i, name, `column "${name}" appears twice`);
        attributeColumns.set(i, attribute);
      } else if (name.startsWith('org.'))
        add(
          1,
          i,
          name,
          `"${name}" is no organisation attribute: after "org." use lower-case letters, digits or "_" (org.type, org.size, org.region, org.<name>)`,
        );
      else if (!instrument.slotById.has(name))
        add(1, i, name, `unknown column: "${name}" is not an answer id of ${instrument.id}`);
      else if (seenColumns.has(name)) add(1, i, name, `column "${name}" appears twice`);
      seenColumns.set(name, i);
    });
    headerOk = problems.length === 0;
  };

  const readRow = (header: readonly string[], cells: readonly string[]) => {
    if (cells.every((c) => c.trim() === '')) return; // blank lines carry nothing
    if (cells.length !== header.length) {
      add(rowNo, undefined, undefined, `has ${cells.length} cells; the header has ${header.length}`);
      return;
    }
    let rowOk = true;
    cells.forEach((cell, c) => {
      if (cell.length > MAX_CELL_LENGTH) {
        add(
          rowNo,
          c,
          header[c],
          `cell is ${cell.length} characters long; at most ${MAX_CELL_LENGTH} allowed`,
        );
        rowOk = false;
      } else if (cell.includes('\u0000')) {
        add(rowNo, c, header[c], 'cell contains the NUL character (U+0000)');
        rowOk = false;
      }
    });
    if (!rowOk) return;
    const name = unescapeFormula(cells[0]!.trim());
    const sector = cells[1]!.trim();
    const respondentId = unescapeFormula(cells[2]!.trim());
    if (name === '') add(rowNo, 0, 'organisation', 'organisation is missing');
    if (!instrument.sectors.includes(sector)) {
      add(rowNo, 1, 'sector', `sector must be one of ${instrument.sectors.join(', ')} (found "${sector}")`);
    }
    if (respondentId === '') add(rowNo, 2, 'respondent', 'respondent is missing');

    const answers: Record<string, AnswerValue> = {};
    const attributeCells = new Map<string, { value: string; column: number }>();
    for (let c = FIXED_COLUMNS.length; c < header.length; c++) {
      const attribute = attributeColumns.get(c);
      if (attribute !== undefined) {
        let value = unescapeFormula(cells[c]!.trim());
        if (attribute === 'size' && value !== '') {
          const mark = decimalMarkOf(value);
          if (mark !== null && decimal === null) decimal = { mark, row: rowNo, column: columnLetter(c) };
          value = toPointDecimal(value, mark);
        }
        const problem = value === '' ? null : attributeProblem(rules, sector, attribute, value);
        if (problem) add(rowNo, c, header[c], problem);
        else attributeCells.set(attribute, { value, column: c });
        continue;
      }
      const slot = instrument.slotById.get(header[c]!)!;
      let cell = cells[c]!;
      if (slot.kind === 'number') {
        const mark = decimalMarkOf(cell);
        if (mark !== null && decimal === null) decimal = { mark, row: rowNo, column: columnLetter(c) };
        else if (mark !== null && mark !== decimal!.mark) {
          add(
            rowNo,
            c,
            header[c],
            `"${cell.trim()}" uses a decimal ${markName(mark)}, but ${decimal!.column}${decimal!.row} uses a decimal ${markName(decimal!.mark)}; use one throughout the file`,
          );
          continue;
        }
        cell = toPointDecimal(cell, mark);
      }
      const { value, error } = parseCell(slot, cell);
      if (error) add(rowNo, c, header[c], error);
      else if (value !== undefined) answers[slot.id] = value;
    }
    for (const p of validateAnswers(instrument, answers)) {
      const col = seenColumns.get(p.answerId);
      add(rowNo, col, p.answerId, p.message);
    }
    if (name === '' || respondentId === '') return;

    let org = orgs.get(name);
    if (!org) {
      org = {
        name,
        sector: sector as Sector,
        sectorRow: rowNo,
        respondents: [],
        ids: new Map(),
        attributes: new Map(),
      };
      orgs.set(name, org);
    } else if (org.sector !== sector && instrument.sectors.includes(sector)) {
      add(
        rowNo,
        1,
        'sector',
        `"${name}" has sector "${org.sector}" in row ${org.sectorRow}, "${sector}" here`,
      );
    }
    // An organisation's attributes are one per file: every row that gives one gives the same.
    for (const [key, { value, column }] of attributeCells) {
      if (value === '') continue;
      const first = org.attributes.get(key);
      if (!first) org.attributes.set(key, { value, row: rowNo });
      else if (first.value !== value)
        add(
          rowNo,
          column,
          header[column],
          `"${name}" has ${header[column]} "${first.value}" in row ${first.row}, "${value}" here`,
        );
    }
    const earlier = org.ids.get(respondentId);
    if (earlier !== undefined) {
      add(
        rowNo,
        2,
        'respondent',
        `respondent "${respondentId}" of "${name}" already appears in row ${earlier}`,
      );
      return;
    }
    org.ids.set(respondentId, rowNo);
    org.respondents.push({ id: respondentId, answers });
    respondents++;
  };

  return {
    row(cells) {
      rowNo++;
      if (header === null) return readHeader(cells);
      if (headerOk) readRow(header, cells);
    },
    finish() {
      if (header === null || (header as string[]).every((h) => h === '')) {
        return {
          ok: false,
          problems: [{ file, row: 1, message: 'the file is empty: a header row is required' }],
        };
      }
      if (problems.length > 0) return { ok: false, problems };
      // A header alone is almost always the wrong file (an empty export, a template): importing
      // it would report success and change nothing.
      if (respondents === 0) {
        return {
          ok: false,
          problems: [
            { file, row: 2, message: 'the file has a header but no respondents: nothing to import' },
          ],
        };
      }
      return {
        ok: true,
        respondents,
        decimal: decimal?.mark ?? null,
        organisations: [...orgs.values()].map(({ name, sector, respondents, attributes }) => ({
          name,
          sector,
          respondents,
          ...(attributeColumns.size > 0
            ? {
                attributes: attributesFromCells(
                  Object.fromEntries(
                    [...attributeColumns.values()].map((key) => [key, attributes.get(key)?.value ?? '']),
                  ),
                ),
              }
            : {}),
        })),
      };
    },
  };
}
