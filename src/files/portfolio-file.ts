/**
 * Portfolio files on disk (CSV in either dialect, or XLSX) → rows of text for the core's
 * reader (`src/core/portfolio/exchange.ts`), and rows → an XLSX workbook. Only I/O here.
 */
import { writeFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { portfolioCsvRows, type CsvRowsResult } from '../core/portfolio/exchange.ts';
import {
  csvText,
  formatOf,
  NOT_UTF8,
  readFileBytes,
  readXlsxRows,
  UNSUPPORTED_FILE,
} from './exchange-file.ts';

export type PortfolioRowsResult = CsvRowsResult;

const fail = (message: string, row = 1): PortfolioRowsResult => ({ ok: false, problems: [{ row, message }] });

/** The contents of an uploaded or local file, by its name's extension. */
export async function portfolioRows(data: Buffer, name: string): Promise<PortfolioRowsResult> {
  const format = formatOf(name);
  if (!format) return fail(UNSUPPORTED_FILE);
  if (format === 'csv') {
    const text = csvText(data);
    if (text === null) return fail(NOT_UTF8);
    return portfolioCsvRows(text);
  }
  const read = await readXlsxRows(data, name);
  if ('problems' in read)
    return {
      ok: false,
      problems: read.problems.map((p) => ({
        row: p.row,
        ...(p.columnLetter ? { column: p.columnLetter } : {}),
        message: p.message,
      })),
    };
  return { ok: true, rows: read.rows, decimal: '.' };
}

export async function readPortfolioFile(file: string): Promise<PortfolioRowsResult> {
  const read = await readFileBytes(file);
  return 'message' in read ? fail(read.message) : portfolioRows(read.data, file);
}

/** Rows (header first) as an XLSX workbook; number cells stay numbers. */
export async function portfolioXlsx(rows: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('portfolio');
  rows.forEach((cells, r) =>
    sheet.addRow(
      cells.map((cell) =>
        r > 0 && /^-?\d+(\.\d+)?$/.test(cell) && !/^0\d/.test(cell) ? Number(cell) : cell,
      ),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writePortfolioXlsx(rows: readonly (readonly string[])[], file: string): Promise<void> {
  await writeFile(file, await portfolioXlsx(rows));
}
