/**
 * The invitation file: CSV or XLSX with a header row and the columns `organisation`,
 * `sector`, `role`, `email` (and optionally `respondent`, an id, and the organisation's
 * attributes in the round: `org.type`, `org.size`, `org.region`, `org.<name>`, one value per
 * organisation). Every problem is reported with its row and column; nothing is invited unless
 * the whole file is valid.
 */
import { detectDelimiter } from '../core/exchange/dialect.ts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { SECTORS, type Sector } from '../core/exchange/types.ts';
import { attributeOfColumn, MAX_ATTRIBUTE_LENGTH } from '../core/organisations/attributes.ts';

export interface InviteeRow {
  readonly row: number;
  readonly organisation: string;
  readonly sector: Sector;
  readonly role: string | null;
  readonly email: string;
  readonly respondent: string | null;
  /** The `org.*` cells by attribute key ('' when empty); absent without such columns. */
  readonly attributes?: Readonly<Record<string, string>>;
}

export interface FileProblem {
  readonly row: number;
  readonly column?: string;
  readonly message: string;
}

export type InviteeFileResult = { ok: true; rows: InviteeRow[] } | { ok: false; problems: FileProblem[] };

const REQUIRED = ['organisation', 'sector', 'email'] as const;
const KNOWN = ['organisation', 'sector', 'role', 'email', 'respondent'];
const MAX_ROWS = 20_000;
const email = z.email().max(320);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function readInviteeFile(data: Buffer, kind: 'csv' | 'xlsx'): Promise<InviteeFileResult> {
  let table: string[][];
  if (kind === 'xlsx') {
    const read = await xlsxRows(data);
    if ('problems' in read) return { ok: false, problems: read.problems };
    table = read.rows;
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
    if (text.includes('\uFFFD'))
      return {
        ok: false,
        problems: [{ row: 1, message: 'the file is not valid UTF-8 (save it as "CSV UTF-8")' }],
      };
    try {
      table = parse(text, {
        bom: true,
        // Danish Excel saves "CSV" with semicolons.
        delimiter: detectDelimiter(text),
        relax_column_count: true,
        skip_empty_lines: true,
        trim: true,
      }) as string[][];
    } catch (err) {
      return {
        ok: false,
        problems: [{ row: (err as { lines?: number }).lines ?? 1, message: 'not valid CSV' }],
      };
    }
  }
  return inviteeRows(table);
}

export function inviteeRows(table: readonly (readonly string[])[]): InviteeFileResult {
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: FileProblem[] = [];
  for (const column of REQUIRED)
    if (!header.includes(column))
      problems.push({ row: 1, column, message: `the column "${column}" is missing` });
  header.forEach((h) => {
    if (h !== '' && !KNOWN.includes(h) && attributeOfColumn(h) === null)
      problems.push({
        row: 1,
        column: h,
        message: `unknown column "${h}" (expected ${KNOWN.join(', ')} or org.type, org.size, org.region, org.<name>)`,
      });
  });
  if (table.length - 1 > MAX_ROWS)
    problems.push({ row: MAX_ROWS + 2, message: `at most ${MAX_ROWS} respondents per file` });
  if (problems.length > 0) return { ok: false, problems };
  const at = (cells: readonly string[], column: string) => (cells[header.indexOf(column)] ?? '').trim();
  const rows: InviteeRow[] = [];
  const seen = new Map<string, number>();
  const attributeColumns = header.flatMap((h) => (attributeOfColumn(h) === null ? [] : [h]));
  /** Per organisation and attribute: the first value given and its row. */
  const given = new Map<string, { value: string; row: number }>();
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    if (cells.every((c) => c.trim() === '')) return;
    cells.forEach((cell, c) => {
      if (cell.includes('\u0000'))
        problems.push({
          row,
          ...(header[c] ? { column: header[c] } : {}),
          message: 'contains the NUL character (U+0000)',
        });
    });
    const organisation = at(cells, 'organisation');
    const sector = at(cells, 'sector');
    const address = at(cells, 'email').toLowerCase();
    const role = at(cells, 'role');
    const respondent = header.includes('respondent') ? at(cells, 'respondent') : '';
    if (organisation === '' || organisation.length > 200)
      problems.push({
        row,
        column: 'organisation',
        message: 'an organisation name (1–200 characters) is needed',
      });
    if (!SECTORS.includes(sector as Sector))
      problems.push({ row, column: 'sector', message: `the sector must be one of ${SECTORS.join(', ')}` });
    if (!email.safeParse(address).success)
      problems.push({ row, column: 'email', message: 'not an e-mail address' });
    if (role.length > 64) problems.push({ row, column: 'role', message: 'at most 64 characters' });
    if (respondent.length > 200)
      problems.push({ row, column: 'respondent', message: 'at most 200 characters' });
    const key = `${organisation}\u0000${address}`;
    if (seen.has(key))
      problems.push({ row, column: 'email', message: `the same person is already on row ${seen.get(key)}` });
    seen.set(key, row);
    const attributes: Record<string, string> = {};
    for (const column of attributeColumns) {
      const value = at(cells, column);
      attributes[attributeOfColumn(column)!] = value;
      if (value.length > MAX_ATTRIBUTE_LENGTH)
        problems.push({ row, column, message: `at most ${MAX_ATTRIBUTE_LENGTH} characters` });
      if (value === '') continue;
      const first = given.get(`${organisation}\u0000${column}`);
      if (!first) given.set(`${organisation}\u0000${column}`, { value, row });
      else if (first.value !== value)
        problems.push({
          row,
          column,
          message: `${organisation} has ${column} "${first.value}" on row ${first.row}, "${value}" here`,
        });
    }
    rows.push({
      ...(attributeColumns.length > 0 ? { attributes } : {}),
      row,
      organisation,
      sector: sector as Sector,
      role: role || null,
      email: address,
      respondent: respondent || null,
    });
  });
  if (rows.length === 0 && problems.length === 0)
    problems.push({ row: 2, message: 'the file has no respondents' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

async function xlsxRows(data: Buffer): Promise<{ rows: string[][] } | { problems: FileProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { problems: [{ row: 1, message: 'not a readable XLSX workbook' }] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problems: [{ row: 1, message: 'the workbook has no worksheet' }] };
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) {
      const v = row.getCell(c).value;
      if (v === null || v === undefined) cells.push('');
      else if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((r) => r.text).join(''));
      else if (typeof v === 'object' && 'text' in v)
        cells.push(String(v.text)); // hyperlinks (e-mail cells)
      else cells.push(String(v));
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  return { rows };
}
