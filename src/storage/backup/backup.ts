/**
 * `backupDatabase`: the whole database into one portable file (format.ts).
 *
 * Consistency: everything is read in one transaction, REPEATABLE READ and READ ONLY on
 * PostgreSQL (one snapshot, while the app keeps writing), a read transaction on SQLite (whose
 * single connection the backup then holds). Memory stays flat: rows are read in pages by
 * primary key (keyset, so every page is an index range scan) and streamed through gzip.
 *
 * Durability: rows go to `FILE.tmp.rows` while the header is not known yet; then the header
 * member and those bytes are written to `FILE.tmp`, fsynced and renamed over FILE. FILE is
 * therefore either absent, the previous file, or complete. `FILE.tmp.rows` is created
 * exclusively, so two backups to the same FILE cannot interleave.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../database.ts';
import {
  readCatalog,
  readMigrationHistory,
  readSequences,
  type ColumnInfo,
  type TableInfo,
} from './catalog.ts';
import { GzipWriter, writeDurably } from './files.ts';
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  BackupRefusedError,
  type BackupHeader,
  type BackupTableHeader,
} from './format.ts';
import { encodeLine } from './values.ts';

export interface BackupOptions {
  /** Replace FILE if it exists (default: refuse). */
  readonly overwrite?: boolean;
  /** Rows per page (default 2000). */
  readonly batchSize?: number;
  /** Called after each page; awaited. */
  readonly onProgress?: (progress: BackupProgress) => void | Promise<void>;
}

export interface BackupProgress {
  readonly table: string;
  /** Rows of this table written so far. */
  readonly tableRows: number;
  /** Rows of all tables written so far. */
  readonly rows: number;
  /** Rows of all tables in the snapshot (counted in it before the first page). */
  readonly total: number;
}

export interface BackupSummary {
  readonly file: string;
  readonly header: BackupHeader;
  readonly bytes: number;
  readonly seconds: number;
}

const DEFAULT_BATCH = 2000;

let appVersion: string | undefined;
function pejlingVersion(): string {
  appVersion ??= (
    JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return appVersion;
}

export async function backupDatabase(
  db: Db,
  file: string,
  options: BackupOptions = {},
): Promise<BackupSummary> {
  const started = performance.now();
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH);
  if (!options.overwrite && (await exists(file)))
    throw new BackupRefusedError(`${file} exists; choose another file name, or replace it with --force`);

  const rowsFile = `${file}.tmp.rows`;
  const tmpFile = `${file}.tmp`;
  let writer: GzipWriter;
  try {
    writer = await GzipWriter.create(rowsFile);
  } catch (err) {
    if ((err as { code?: string }).code === 'EEXIST')
      throw new BackupRefusedError(
        `${rowsFile} exists: another backup to ${file} is running, or one was interrupted ` +
          `(then remove ${rowsFile})`,
      );
    throw err;
  }

  let finished = false;
  try {
    const hash = createHash('sha256');
    // The moment the snapshot was taken, near enough: what the file is a copy of.
    const createdAt = new Date().toISOString();
    const { migrations, tables } = await db.transaction(
      async (tx) => {
        // Must come before the first query; that query fixes the snapshot.
        if (tx.dialect === 'postgres' && !db.inTransaction)
          await sql`set transaction read only`.execute(tx.kysely);
        const history = await readMigrationHistory(tx);
        if (history.length === 0)
          throw new BackupRefusedError('There is no Pejling database here: it has no migration history');
        const catalog = await readCatalog(tx);
        const sequences = await readSequences(tx, catalog);
        const out: BackupTableHeader[] = [];
        // Counted in the same snapshot, so the total is exactly what will be written.
        const total = options.onProgress ? await countRows(tx, catalog) : 0;
        let rows = 0;
        for (const table of catalog) {
          let tableRows = 0;
          for await (const page of pages(tx, table, batchSize)) {
            let chunk = '';
            for (const row of page) chunk += `${encodeLine(table, row)}\n`;
            hash.update(chunk);
            await writer.write(chunk);
            tableRows += page.length;
            rows += page.length;
            await options.onProgress?.({ table: table.name, tableRows, rows, total });
          }
          out.push({
            name: table.name,
            rows: tableRows,
            sequence: sequences.get(table.name) ?? null,
            columns: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
          });
        }
        return { migrations: history, tables: out };
      },
      { isolation: 'repeatable read' },
    );
    await writer.finish();
    finished = true;

    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      app: { name: 'pejling', version: pejlingVersion() },
      createdAt,
      source: { dialect: db.dialect },
      migrations,
      tables,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      dataSha256: hash.digest('hex'),
    };
    await writeDurably(tmpFile, gzipSync(`${JSON.stringify(header)}\n`), rowsFile, file);
    const bytes = (await stat(file)).size;
    return { file, header, bytes, seconds: (performance.now() - started) / 1000 };
  } catch (err) {
    if (!finished) await writer.abort();
    await unlink(tmpFile).catch(() => {});
    throw err;
  } finally {
    await unlink(rowsFile).catch(() => {});
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code === 'ENOENT') return false;
    throw err;
  }
}

async function countRows(db: Db, catalog: readonly TableInfo[]): Promise<number> {
  let total = 0;
  for (const table of catalog) {
    const { rows } = await sql<{
      n: number | string;
    }>`select count(*) as n from ${sql.id(table.name)}`.execute(db.kysely);
    total += Number(rows[0]?.n ?? 0);
  }
  return total;
}

/**
 * One table's rows, page by page, in primary-key order. On PostgreSQL text sorts with
 * `COLLATE "C"` (code point order, as SQLite's BINARY), so both backends write the same
 * order. A table without a primary key, which no migration creates today, is paged by
 * offset over all its columns.
 */
async function* pages(db: Db, table: TableInfo, size: number): AsyncGenerator<Record<string, unknown>[]> {
  const pg = db.dialect === 'postgres';
  const columns = sql.join(table.columns.map((c) => selectColumn(c, pg)));
  const from = sql.id(table.name);
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const key = table.primaryKey.map((name) => byName.get(name)!);

  if (key.length === 0) {
    const order = sql.join(table.columns.map((c) => sql`${orderExpression(c, pg)} nulls first`));
    for (let offset = 0; ; offset += size) {
      const page = await sql<
        Record<string, unknown>
      >`select ${columns} from ${from} order by ${order} limit ${size} offset ${offset}`.execute(db.kysely);
      if (page.rows.length > 0) yield page.rows;
      if (page.rows.length < size) return;
    }
  }

  const keyList = sql.join(key.map((c) => orderExpression(c, pg)));
  let after: unknown[] | null = null;
  for (;;) {
    const where: RawBuilder<unknown> =
      after === null ? sql`` : sql`where (${keyList}) > (${sql.join(after.map((v) => sql`${v}`))})`;
    const page = await sql<
      Record<string, unknown>
    >`select ${columns} from ${from} ${where} order by ${keyList} limit ${size}`.execute(db.kysely);
    if (page.rows.length > 0) yield page.rows;
    if (page.rows.length < size) return;
    const last = page.rows[page.rows.length - 1]!;
    after = key.map((c) => last[c.name]);
  }
}

function selectColumn(c: ColumnInfo, pg: boolean): RawBuilder<unknown> {
  const id = sql.id(c.name);
  if (pg && c.read === 'as-text') return sql`${id}::text as ${id}`;
  if (pg && c.read === 'as-utc')
    return sql`to_char(${id}, ${sql.lit('YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')}) as ${id}`;
  return id;
}

function orderExpression(c: ColumnInfo, pg: boolean): RawBuilder<unknown> {
  const id = sql.id(c.name);
  if (!pg) return id;
  if (c.kind === 'json' || c.read === 'as-text') return sql`${id}::text collate "C"`;
  if (c.kind === 'text') return sql`${id} collate "C"`;
  return id;
}
