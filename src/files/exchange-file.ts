/**
 * Reading and writing exchange files (CSV or XLSX) on disk. The rules of the format live in
 * `src/core/exchange`; this module only turns files into rows of text cells and back.
 */
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import ExcelJS from 'exceljs';
import { parseExchangeRows, type ExchangeResult } from '../core/exchange/parse.ts';
import { toExchangeRows } from '../core/exchange/rows.ts';
import type { ExchangeProblem, OrganisationData } from '../core/exchange/types.ts';
import { FIXED_COLUMNS } from '../core/exchange/types.ts';
import { formatExchangeCsv, parseExchangeCsv } from '../core/exchange/csv.ts';
import type { Instrument } from '../core/instrument/types.ts';

export type ExchangeFormat = 'csv' | 'xlsx';

export function formatOf(file: string): ExchangeFormat | null {
  const ext = extname(file).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

export const UNSUPPORTED_FILE = 'unsupported file type: use .csv or .xlsx';
export const NOT_UTF8 = 'the file is not valid UTF-8 (save it as "CSV UTF-8")';

/** A file's bytes, or why they cannot be read ("file not found" for a missing one). */
export async function readFileBytes(file: string): Promise<{ data: Buffer } | { message: string }> {
  try {
    return { data: await readFile(file) };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { message: code === 'ENOENT' ? 'file not found' : (err as Error).message };
  }
}

/** A CSV file's text, or null when it is not valid UTF-8 (Excel's other "CSV" encodings). */
export function csvText(data: Uint8Array): string | null {
  // fatal: a file that legitimately holds U+FFFD is still read; only broken byte sequences fail.
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return null;
  }
}

export async function readExchangeFile(instrument: Instrument, file: string): Promise<ExchangeResult> {
  const format = formatOf(file);
  if (!format) return fail(file, UNSUPPORTED_FILE);
  const read = await readFileBytes(file);
  if ('message' in read) return fail(file, read.message);
  const { data } = read;
  if (format === 'csv') {
    const text = csvText(data);
    if (text === null) return fail(file, NOT_UTF8);
    return parseExchangeCsv(instrument, text, file);
  }
  const rows = await readXlsxRows(data, file);
  return 'problems' in rows ? rows : parseExchangeRows(instrument, rows.rows, file);
}

/** The first worksheet of an XLSX workbook as rows of text (plain values only). */
export async function readXlsxRows(
  data: Buffer,
  file: string,
): Promise<{ rows: string[][] } | { ok: false; problems: ExchangeProblem[] }> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    return fail(file, 'not a readable XLSX workbook');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return fail(file, 'the workbook has no worksheet');
  const width = sheet.getRow(1).cellCount;
  const rows: string[][] = [];
  const problems: ExchangeProblem[] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(width, row.cellCount); c++) {
      const cell = row.getCell(c);
      const v = cell.value;
      if (v === null || v === undefined) cells.push('');
      else if (typeof v === 'number' || typeof v === 'string') cells.push(String(v));
      else if (typeof v === 'object' && 'richText' in v) cells.push(v.richText.map((r) => r.text).join(''));
      else {
        problems.push({
          file,
          row: rowNumber,
          columnLetter: cell.address.replace(/\d+$/, ''),
          message: 'formulas, dates and other cell types are not accepted; enter plain values',
        });
        cells.push('');
      }
    }
    while (rows.length < rowNumber - 1) rows.push([]);
    rows.push(cells);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { rows };
}

function fail(file: string, message: string): { ok: false; problems: ExchangeProblem[] } {
  return { ok: false, problems: [{ file, row: 1, message }] };
}

/** Writes the exchange format; numbers stay numbers in XLSX, everything else is text. */
export async function writeExchangeFile(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
  file: string,
  format: ExchangeFormat,
): Promise<void> {
  if (format === 'csv') {
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(file);
      out.on('error', reject);
      out.end(formatExchangeCsv(instrument, organisations), resolve);
    });
    return;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const sheet = workbook.addWorksheet('data');
  const rows = toExchangeRows(instrument, organisations);
  const numeric = rows[0]!.map((id, c) => {
    if (c < FIXED_COLUMNS.length) return false;
    const kind = instrument.slotById.get(id)?.kind;
    return kind === 'scale' || kind === 'rank' || kind === 'number';
  });
  rows.forEach((cells, r) => {
    const values = cells.map((cell, c) =>
      r > 0 && numeric[c] && /^-?\d+(\.\d+)?$/.test(cell) ? Number(cell) : cell,
    );
    sheet.addRow(values).commit();
  });
  await workbook.commit();
}
