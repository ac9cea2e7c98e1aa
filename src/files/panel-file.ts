/** A panel's exchange file on disk (CSV or XLSX): read as cells, checked by src/core/panel. */
import { readFile } from 'node:fs/promises';
import { feedCsv } from '../core/exchange/csv.ts';
import type { Instrument } from '../core/instrument/types.ts';
import { panelReader, type PanelExchangeResult } from '../core/panel/exchange.ts';
import { formatOf, readXlsxRows } from './exchange-file.ts';

export async function readPanelFile(instrument: Instrument, file: string): Promise<PanelExchangeResult> {
  const fail = (message: string, row = 1): PanelExchangeResult => ({
    ok: false,
    problems: [{ file, row, message }],
  });
  const format = formatOf(file);
  if (!format) return fail('unsupported file type: use .csv or .xlsx');
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'file not found' : (err as Error).message);
  }
  const reader = panelReader(instrument, file);
  if (format === 'xlsx') {
    const rows = await readXlsxRows(data, file);
    if ('problems' in rows) return rows;
    for (const r of rows.rows) reader.row(r);
    return reader.finish();
  }
  const text = new TextDecoder('utf-8', { fatal: false }).decode(data);
  if (text.includes('\uFFFD')) return fail('the file is not valid UTF-8 (save it as "CSV UTF-8")');
  const read = feedCsv(text, file, (record) => reader.row(record));
  if ('problems' in read) return read;
  return reader.finish();
}
