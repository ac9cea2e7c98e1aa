/**
 * The exchange format as CSV text: UTF-8, header first, BOM accepted. Read: comma- or
 * semicolon-separated, detected from the header (see dialect.ts). Written: the contract's
 * comma-separated form, or the Danish Excel variant on request.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Instrument } from '../instrument/types.ts';
import { exchangeReader, type ExchangeResult } from './parse.ts';
import { toExchangeRows } from './rows.ts';
import type { OrganisationData } from './types.ts';
import { detectDelimiter, STANDARD_CSV, type CsvDialect } from './dialect.ts';

export function parseExchangeCsv(instrument: Instrument, text: string, file: string): ExchangeResult {
  const reader = exchangeReader(instrument, file);
  const delimiter = detectDelimiter(text);
  try {
    // Each record goes straight to the reader and is then dropped (null skips it), so the
    // file never exists as one array of rows.
    parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        reader.row(record);
        return null;
      },
    });
  } catch (err) {
    const e = err as Error & { lines?: number; code?: string };
    return {
      ok: false,
      problems: [
        { file, row: e.lines ?? 1, message: `not valid CSV: ${e.message.replace(/^Invalid \w+: /, '')}` },
      ],
    };
  }
  const result = reader.finish();
  return result.ok ? { ...result, dialect: { delimiter, decimal: result.decimal } } : result;
}

export function formatExchangeCsv(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
  dialect: CsvDialect = STANDARD_CSV,
): string {
  const rows = toExchangeRows(instrument, organisations, dialect.decimal);
  const csv = stringify(rows, { record_delimiter: '\n', delimiter: dialect.delimiter });
  // Excel opens a CSV as UTF-8 only with a byte-order mark; the standard form has none.
  return dialect === STANDARD_CSV ? csv : `\uFEFF${csv}`;
}
