/** The exchange format as CSV text: UTF-8, comma-separated, header first, BOM accepted. */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { Instrument } from '../instrument/types.ts';
import { exchangeReader, type ExchangeResult } from './parse.ts';
import { toExchangeRows } from './rows.ts';
import type { OrganisationData } from './types.ts';

export function parseExchangeCsv(instrument: Instrument, text: string, file: string): ExchangeResult {
  const reader = exchangeReader(instrument, file);
  try {
    // Each record goes straight to the reader and is then dropped (null skips it), so the
    // file never exists as one array of rows.
    parse(text, {
      bom: true,
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
  return reader.finish();
}

export function formatExchangeCsv(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
): string {
  return stringify(toExchangeRows(instrument, organisations), { record_delimiter: '\n' });
}
