/** A panel's exchange file on disk or uploaded (CSV or XLSX): read as cells, checked by src/core/panel. */
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
  type ExchangeFormat,
} from './exchange-file.ts';

const fail = (file: string, message: string, row = 1): PanelExchangeResult => ({
  ok: false,
  problems: [{ file, row, message }],
});

export async function readPanelFile(instrument: Instrument, file: string): Promise<PanelExchangeResult> {
  const format = formatOf(file);
  if (!format) return fail(file, UNSUPPORTED_FILE);
  const bytes = await readFileBytes(file);
  if ('message' in bytes) return fail(file, bytes.message);
  return readPanelData(instrument, bytes.data, format, file);
}

/** The file's bytes (`file` names it in every problem): an upload goes through here too. */
export async function readPanelData(
  instrument: Instrument,
  data: Buffer,
  format: ExchangeFormat,
  file: string,
): Promise<PanelExchangeResult> {
  const reader = panelReader(instrument, file);
  if (format === 'xlsx') {
    const rows = await readXlsxRows(data, file);
    if ('problems' in rows) return rows;
    for (const r of rows.rows) reader.row(r);
    return reader.finish();
  }
  const text = csvText(data);
  if (text === null) return fail(file, NOT_UTF8);
  const read = feedCsv(text, file, (record) => reader.row(record));
  if ('problems' in read) return read;
  return reader.finish();
}
