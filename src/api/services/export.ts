/**
 * Exporting a round in the exchange format (CSV, XLSX) or as JSON. CSV and JSON are written
 * one organisation at a time from one database snapshot, so memory stays flat for large
 * rounds; the bytes equal the core's writer (`formatExchangeCsv`) for the whole round.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { DANISH_EXCEL_CSV, STANDARD_CSV, type CsvDialect } from '../../core/exchange/dialect.ts';
import { exchangeHeader, toExchangeRows } from '../../core/exchange/rows.ts';
import { attributeKeysOf, type OrganisationAttributes } from '../../core/organisations/attributes.ts';
import type { OrganisationData } from '../../core/exchange/types.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { writeExchangeFile } from '../../files/exchange-file.ts';
import {
  listRoundAttributes,
  loadRoundData,
  requireRoundByName,
  streamRoundData,
  type Db,
  type Round,
} from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';

/** `csv-excel-da`: the exchange CSV as a Danish Excel opens it (`;`, decimal comma, BOM). */
export const EXPORT_FORMATS = ['csv', 'csv-excel-da', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
type TextFormat = Exclude<ExportFormat, 'xlsx'>;

export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  csv: 'text/csv; charset=utf-8',
  'csv-excel-da': 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The JSON export's `format`, so a reader can tell versions apart later. */
export const JSON_EXPORT_FORMAT = 'pejling-exchange/1';

export interface ExportCounts {
  readonly organisations: number;
  readonly respondents: number;
}

/** The file name's extension of each format. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  csv: 'csv',
  'csv-excel-da': 'csv',
  json: 'json',
  xlsx: 'xlsx',
};

/**
 * The round's own organisation attributes (the `org.*` columns, so that an export imports
 * back unchanged) and the columns they need; none for a round that sets none.
 */
async function roundAttributes(db: Db, roundId: number) {
  const own = await listRoundAttributes(db, roundId, { ownOnly: true });
  const byName = new Map<string, OrganisationAttributes>(own.map((o) => [o.name, o.attributes]));
  return {
    keys: attributeKeysOf(byName.values()),
    attach: (org: OrganisationData): OrganisationData => {
      const attributes = byName.get(org.name);
      return attributes ? { ...org, attributes } : org;
    },
  };
}

interface ChunkWriter {
  head(round: Round, instrument: Instrument, attributeKeys: readonly string[]): string;
  organisation(org: OrganisationData, index: number): string;
  tail(): string;
}

function csvWriter(dialect: CsvDialect): ChunkWriter {
  let instrument: Instrument;
  let keys: readonly string[] = [];
  const csv = (rows: string[][]) => stringify(rows, { record_delimiter: '\n', delimiter: dialect.delimiter });
  return {
    head: (_round, i, attributeKeys) => {
      instrument = i;
      keys = attributeKeys;
      // Excel opens a CSV as UTF-8 only with a byte-order mark; the standard form has none.
      return `${dialect === STANDARD_CSV ? '' : '\uFEFF'}${csv([exchangeHeader(i, keys)])}`;
    },
    organisation: (org) => csv(toExchangeRows(instrument, [org], dialect.decimal, keys).slice(1)),
    tail: () => '',
  };
}

const textWriter = (format: TextFormat): ChunkWriter =>
  format === 'json' ? jsonWriter() : csvWriter(format === 'csv' ? STANDARD_CSV : DANISH_EXCEL_CSV);

function jsonWriter(): ChunkWriter {
  return {
    head: (round, instrument) =>
      `{"format":${JSON.stringify(JSON_EXPORT_FORMAT)},"round":${JSON.stringify(round.name)},` +
      `"instrument":${JSON.stringify({ id: instrument.id, version: instrument.version })},"organisations":[\n`,
    organisation: (org, index) =>
      `${index > 0 ? ',\n' : ''}${JSON.stringify({
        name: org.name,
        sector: org.sector,
        ...(org.attributes ? { attributes: org.attributes } : {}),
        respondents: org.respondents,
      })}`,
    tail: () => '\n]}\n',
  };
}

async function put(out: Writable, chunk: string): Promise<void> {
  if (chunk !== '' && !out.write(chunk)) await once(out, 'drain');
}

/** Respondents written so far, of all the round's respondents with a submission. */
export type ExportProgress = (done: number, total: number) => void;

/** CSV or JSON to a stream (a file, stdout, a response), as the round is read. */
export async function exportRoundText(
  db: Db,
  roundName: string,
  format: TextFormat,
  out: Writable,
  onProgress?: ExportProgress,
): Promise<ExportCounts> {
  const writer = textWriter(format);
  return db.transaction(
    async (tx) => {
      const round = await requireRoundByName(tx, roundName);
      const instrument = await instrumentOf(tx, round.instrument);
      const attributes = await roundAttributes(tx, round.id);
      await put(out, writer.head(round, instrument, attributes.keys));
      let organisations = 0;
      let respondents = 0;
      let total = 0;
      for await (const org of streamRoundData(tx, round.id, (t) => (total = t.respondents))) {
        await put(out, writer.organisation(attributes.attach(org), organisations));
        organisations++;
        respondents += org.respondents.length;
        onProgress?.(respondents, total);
      }
      await put(out, writer.tail());
      return { organisations, respondents };
    },
    { isolation: 'repeatable read' },
  );
}

/**
 * Any format to a file, written beside it and renamed into place: a failed export never leaves
 * a half-written file or destroys an earlier one. XLSX is built in memory (spreadsheets cap out
 * at about a million rows anyway).
 */
export async function exportRoundFile(
  db: Db,
  roundName: string,
  format: ExportFormat,
  path: string,
  onProgress?: ExportProgress,
): Promise<ExportCounts> {
  const partial = `${path}.partial-${process.pid}`;
  try {
    const counts =
      format === 'xlsx'
        ? await writeXlsx(db, roundName, partial)
        : await writeText(db, roundName, format, partial, onProgress);
    await rename(partial, path);
    return counts;
  } catch (err) {
    await rm(partial, { force: true });
    throw err;
  }
}

async function writeXlsx(db: Db, roundName: string, path: string): Promise<ExportCounts> {
  const { round, organisations: plain } = await loadRoundData(db, roundName);
  const attributes = await roundAttributes(db, round.id);
  const organisations = plain.map(attributes.attach);
  await writeExchangeFile(await instrumentOf(db, round.instrument), organisations, path, 'xlsx');
  return {
    organisations: organisations.length,
    respondents: organisations.reduce((n, o) => n + o.respondents.length, 0),
  };
}

async function writeText(
  db: Db,
  roundName: string,
  format: TextFormat,
  path: string,
  onProgress?: ExportProgress,
): Promise<ExportCounts> {
  const out = createWriteStream(path);
  const failed = once(out, 'error').then(([err]) => Promise.reject(err as Error));
  failed.catch(() => {});
  try {
    const counts = await Promise.race([exportRoundText(db, roundName, format, out, onProgress), failed]);
    out.end();
    await Promise.race([once(out, 'finish'), failed]);
    return counts;
  } finally {
    if (!out.writableFinished) out.destroy();
  }
}
