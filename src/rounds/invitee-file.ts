/**
 * The invitation file: CSV or XLSX with a header row and the columns `organisation`,
 * `sector`, `role`, `email` (and optionally `respondent`, an id, and the organisation's
 * attributes in the round: `org.type`, `org.size`, `org.region`, `org.<name>`, one value per
 * organisation). Every problem is reported with its row and column; nothing is invited unless
 * the whole file is valid.
 */
import { detectDelimiter, type Delimiter } from '../core/exchange/dialect.ts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import { fileProblem, type FileProblem } from '../core/exchange/file-problems.ts';
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

export type { FileProblem };

export type InviteeFileResult =
  | {
      ok: true;
      rows: InviteeRow[];
      /** CSV only: the separator the file was read with (detected from its header). */
      delimiter?: Delimiter;
    }
  | { ok: false; problems: FileProblem[] };

const REQUIRED = ['organisation', 'sector', 'email'] as const;
const KNOWN = ['organisation', 'sector', 'role', 'email', 'respondent'];
const MAX_ROWS = 20_000;
const email = z.email().max(320);

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function readInviteeFile(data: Buffer, kind: 'csv' | 'xlsx'): Promise<InviteeFileResult> {
  let table: string[][];
  let delimiter: Delimiter | undefined;
  if (kind === 'xlsx') {
    const read = await xlsxRows(data);
    if ('problems' in read) return { ok: false, problems: read.problems };
    table = read.rows;
  } else {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
    if (text.includes('\uFFFD'))
      return {
        ok: false,
        problems: [fileProblem(1, undefined, 'notUtf8')],
      };
    // Danish Excel saves "CSV" with semicolons.
    delimiter = detectDelimiter(text);
    try {
      table = parse(text, {
        bom: true,
        delimiter,
        relax_column_count: true,
        // Kept (and skipped below), so that row numbers are the spreadsheet's.
        skip_empty_lines: false,
        trim: true,
      }) as string[][];
    } catch (err) {
      return {
        ok: false,
        problems: [fileProblem((err as { lines?: number }).lines ?? 1, undefined, 'notCsv')],
      };
    }
  }
  const result = inviteeRows(table);
  return result.ok && delimiter ? { ...result, delimiter } : result;
}

export function inviteeRows(table: readonly (readonly string[])[]): InviteeFileResult {
  const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
  const problems: FileProblem[] = [];
  for (const column of REQUIRED)
    if (!header.includes(column))
      problems.push(fileProblem(1, column, 'missingColumn', { column, valid: KNOWN }));
  header.forEach((h) => {
    if (h !== '' && !KNOWN.includes(h) && attributeOfColumn(h) === null)
      problems.push(
        fileProblem(1, h, 'unknownColumn', {
          column: h,
          valid: [...KNOWN, 'org.type', 'org.size', 'org.region', 'org.<…>'],
        }),
      );
  });
  if (table.length - 1 > MAX_ROWS)
    problems.push(fileProblem(MAX_ROWS + 2, undefined, 'tooManyRows', { max: MAX_ROWS }));
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
      if (cell.includes('\u0000')) problems.push(fileProblem(row, header[c], 'nul'));
    });
    const organisation = at(cells, 'organisation');
    const sectorCell = at(cells, 'sector');
    // "Kommune" and "KOMMUNE" mean kommune; the code is stored as the contract spells it.
    const sector = sectorCell.toLowerCase();
    const address = at(cells, 'email').toLowerCase();
    const role = at(cells, 'role');
    const respondent = header.includes('respondent') ? at(cells, 'respondent') : '';
    if (organisation === '') problems.push(fileProblem(row, 'organisation', 'required'));
    else if (organisation.length > 200)
      problems.push(fileProblem(row, 'organisation', 'tooLong', { max: 200, length: organisation.length }));
    if (!(SECTORS as readonly string[]).includes(sector))
      problems.push(fileProblem(row, 'sector', 'notOneOf', { found: sectorCell, valid: SECTORS }));
    if (address === '') problems.push(fileProblem(row, 'email', 'required'));
    else if (!email.safeParse(address).success)
      problems.push(fileProblem(row, 'email', 'notEmail', { found: address }));
    if (role.length > 64)
      problems.push(fileProblem(row, 'role', 'tooLong', { max: 64, length: role.length }));
    if (respondent.length > 200)
      problems.push(fileProblem(row, 'respondent', 'tooLong', { max: 200, length: respondent.length }));
    const key = `${organisation}\u0000${address}`;
    if (seen.has(key)) problems.push(fileProblem(row, 'email', 'duplicate', { row: seen.get(key)! }));
    seen.set(key, row);
    const attributes: Record<string, string> = {};
    for (const column of attributeColumns) {
      const value = at(cells, column);
      attributes[attributeOfColumn(column)!] = value;
      if (value.length > MAX_ATTRIBUTE_LENGTH)
        problems.push(
          fileProblem(row, column, 'tooLong', { max: MAX_ATTRIBUTE_LENGTH, length: value.length }),
        );
      if (value === '') continue;
      const first = given.get(`${organisation}\u0000${column}`);
      if (!first) given.set(`${organisation}\u0000${column}`, { value, row });
      else if (first.value !== value)
        problems.push(
          fileProblem(row, column, 'attributeConflict', {
            organisation,
            column,
            first: first.value,
            row: first.row,
            found: value,
          }),
        );
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
  if (rows.length === 0 && problems.length === 0) problems.push(fileProblem(2, undefined, 'noRows'));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows };
}

async function xlsxRows(data: Buffer): Promise<{ rows: string[][] } | { problems: FileProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return { problems: [fileProblem(1, undefined, 'notXlsx')] };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { problems: [fileProblem(1, undefined, 'noWorksheet')] };
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

/**
 * The file's roles against the instrument's role codes (see core/instrument/role-item.ts):
 * matched in any case and stored as the code, so the survey can start with it filled in.
 * `say` words the problem in the page's language.
 */
export function checkRoles(rows: readonly InviteeRow[], codes: readonly string[]): InviteeFileResult {
  const problems: FileProblem[] = [];
  const checked = rows.map((row) => {
    if (row.role === null) return row;
    const code = codes.find((c) => c.toLowerCase() === row.role!.toLowerCase());
    if (code === undefined)
      problems.push(fileProblem(row.row, 'role', 'notOneOfOrEmpty', { found: row.role!, valid: codes }));
    return { ...row, role: code ?? row.role };
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows: checked };
}
