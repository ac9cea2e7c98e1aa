/** A panel's exchange file on disk (CSV or XLSX): read as cells, checked by src/core/panel. */
import { feedCsv } from '../core/exchange/csv.ts';
import type { Instrument } from '../core/instrument/types.ts';
import { panelReader, type PanelExchangeResult } from '../core/panel/exchange.ts';
import {
  csvText,
  formatOf,
  NOT_UTF8,
  readFileBytes,
  readXlsxRows,
  UNSUPPORTED_FILE,
} from './exchange-file.ts';

export async function readPanelFile(instrument: Instrument, file: string): Promise<PanelExchangeResult> {
  const fail = (message: string, row = 1): PanelExchangeResult => ({
    ok: false,
    problems: [{ file, row, message }],
  });
  const format = formatOf(file);
  if (!format) return fail(UNSUPPORTED_FILE);
  const bytes = await readFileBytes(file);
  if ('message' in bytes) return fail(bytes.message);
  const { data } = bytes;
  const reader = panelReader(instrument, file);
  if (format === 'xlsx') {
    const rows = await readXlsxRows(data, file);
    if ('problems' in rows) return rows;
    for (const r of rows.rows) reader.row(r);
    return reader.finish();
  }
  const text = csvText(data);
  if (text === null) return fail(NOT_UTF8);
  const read = feedCsv(text, file, (record) => reader.row(record));
  if ('problems' in read) return read;
  return reader.finish();
}
