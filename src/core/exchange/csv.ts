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
import type { ExchangeProblem, OrganisationData } from './types.ts';
import { detectDelimiter, STANDARD_CSV, type CsvDialect, type Delimiter } from './dialect.ts';
import { readSimpleCsv } from './fast-csv.ts';

export function parseExchangeCsv(instrument: Instrument, text: string, file: string): ExchangeResult {
  const reader = exchangeReader(instrument, file);
  const read = feedCsv(text, file, (record) => reader.row(record));
  if ('problems' in read) return read;
  const result = reader.finish();
  return result.ok ? { ...result, dialect: { delimiter: read.delimiter, decimal: result.decimal } } : result;
}

/**
 * Hands each CSV record to `onRecord` as it is read (comma or semicolon, detected from the
 * header), so the file never exists as one array of rows; a malformed file is one problem.
 */
export function feedCsv(
  text: string,
  file: string,
  onRecord: (record: string[]) => void,
): { delimiter: Delimiter } | { ok: false; problems: ExchangeProblem[] } {
  const delimiter = detectDelimiter(text);
  // The fast reader takes plain CSV; from the first thing it leaves alone, csv-parse reads on
  // (from the start, skipping the records already handed over: they are the same).
  const handedOver = readSimpleCsv(text, delimiter, onRecord);
  if (handedOver === null) return { delimiter };
  let index = 0;
  try {
    parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: false,
      on_record: (record: string[]) => {
        if (index++ >= handedOver) onRecord(record);
        return null; // dropped: nothing is collected
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
  return { delimiter };
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
