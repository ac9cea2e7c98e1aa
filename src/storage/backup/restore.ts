/**
 * `restoreDatabase`: a backup file into an empty database of either backend, all or nothing.
 *
 * One transaction holds everything: bringing the schema to the backup's migration, the
 * emptiness check, every row, the id sequences, and the migrations the backup is older than.
 * The file is checked while it streams (line shape, table order, row counts) and its SHA-256
 * only at the end, so damage found on the last line still rolls back every row before it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase, type Database, type Db } from '../database.ts';
import type { StorageConfig } from '../config.ts';
import { StorageError } from '../errors.ts';
import { MIGRATION_NAMES } from '../migrations/index.ts';
import { readCatalog, readMigrationHistory, type ColumnInfo, type TableInfo } from './catalog.ts';
import { DecompressError, gzipLines } from './files.ts';
import {
  BackupRefusedError,
  damaged,
  parseHeader,
  type BackupHeader,
  type BackupTableHeader,
  type ColumnKind,
} from './format.ts';
import { migrateToLatestWithin, migrateToWithin } from './migrate.ts';
import { toDatabase, ValueError } from './values.ts';

export interface RestoreOptions {
  /** Called after each inserted batch; awaited. */
  readonly onProgress?: (progress: { table: string; rows: number; total: number }) => void | Promise<void>;
}

export interface RestoreSummary {
  readonly file: string;
  readonly location: string;
  readonly header: BackupHeader;
  /** Migrations run after the rows went in (the backup was older than this Pejling). */
  readonly migrationsAfter: readonly string[];
  readonly seconds: number;
}

// Kysely's Migrator takes this advisory lock on PostgreSQL; holding it for the whole restore
// makes an app instance that starts meanwhile wait and then find the restored schema.
const KYSELY_MIGRATION_LOCK = '3853314791062309107';

/** SQLite allows 32766 bound values per statement, PostgreSQL 65535. */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;

/** Restores `file` into the database `config` names, which must hold no rows. */
export async function restoreDatabase(
  config: StorageConfig,
  file: string,
  options: RestoreOptions = {},
): Promise<RestoreSummary> {
  const started = performance.now();
  const lines = numbered(file);
  try {
    const first = await lines.next();
    if (first.done) throw damaged(file, null, 'it is empty');
    const header = parseHeader(file, first.value.text);
    checkHistory(file, header.migrations);

    const db = await openDatabase(config, { migrate: false });
    try {
      const schema = config.backend === 'postgres' ? (config.schema ?? 'public') : undefined;
      const migrationsAfter = await db.transaction((tx) =>
        restoreWithin(tx, db, schema, file, header, lines, options),
      );
      return {
        file,
        location: db.location,
        header,
        migrationsAfter,
        seconds: (performance.now() - started) / 1000,
      };
    } finally {
      await db.close();
    }
  } finally {
    await lines.return(undefined);
  }
}

/**
 * The backup's history must be where this Pejling's history starts: then the rows fit the
 * schema those migrations build, and the remaining migrations bring them up to date.
 */
function checkHistory(file: string, backup: readonly string[]): void {
  const app = MIGRATION_NAMES;
  if (backup.length === 0) throw damaged(file, 1, 'the header lists no migrations');
  for (let i = 0; i < backup.length; i++) {
    if (i >= app.length)
      throw new BackupRefusedError(
        `${file} was written by a newer Pejling: its schema has migration ${backup[i]}, ` +
          `which this Pejling does not know (it ends at ${app[app.length - 1]}). Upgrade Pejling to restore it.`,
      );
    if (backup[i] !== app[i])
      throw new BackupRefusedError(
        `${file} comes from another migration history: migration ${i + 1} is ${backup[i]} there ` +
          `and ${app[i]} here. Nothing was restored.`,
      );
  }
}

async function restoreWithin(
  tx: Db,
  db: Database,
  schema: string | undefined,
  file: string,
  header: BackupHeader,
  lines: AsyncGenerator<Line>,
  options: RestoreOptions,
): Promise<string[]> {
  const pg = tx.dialect === 'postgres';
  if (pg) await sql`select pg_advisory_xact_lock(${sql.raw(KYSELY_MIGRATION_LOCK)})`.execute(tx.kysely);
  // Self-references are checked at commit, so a row may precede the row it points to.
  else await sql`pragma defer_foreign_keys = on`.execute(tx.kysely);

  const target = await readMigrationHistory(tx);
  const last = header.migrations[header.migrations.length - 1]!;
  if (target.some((name, i) => MIGRATION_NAMES[i] !== name))
    throw new BackupRefusedError(
      `${db.location} has a migration history this Pejling does not know (${target.join(', ')})`,
    );
  await refuseRows(tx, db.location);
  if (target.length > header.migrations.length)
    throw new BackupRefusedError(
      `${db.location} is already migrated past the backup (to ${target[target.length - 1]}; the backup ` +
        `ends at ${last}). Restore into a new, empty database: another PEJLING_DATA_DIR, or ` +
        `another PostgreSQL database or PEJLING_DB_SCHEMA.`,
    );
  await migrateToWithin(tx, schema, last);

  const catalog = new Map((await readCatalog(tx)).map((t) => [t.name, t]));
  if (pg && catalog.size > 0) {
    // Nobody else writes until the restore commits (the emptiness check below stays true).
    const names = sql.join([...catalog.keys()].map((n) => sql.id(n)));
    await sql`lock table ${names} in exclusive mode`.execute(tx.kysely);
  }
  await refuseRows(tx, db.location);
  const plans = planTables(file, header, catalog);

  let lineNumber = 1;
  let done = 0;
  const hash = createHash('sha256');
  let index = -1;
  let plan: TablePlan | undefined;
  let count = 0;
  let batch: unknown[][] = [];
  let batchFirstLine = 0;
  let batchLastLine = 0;

  const flush = async () => {
    if (!plan || batch.length === 0) return;
    try {
      await insert(tx, plan, batch);
    } catch (err) {
      // A full disk or a lost server is not the file's fault.
      if (err instanceof StorageError) throw err;
      const where =
        batchFirstLine === batchLastLine
          ? `line ${batchLastLine}`
          : `lines ${batchFirstLine}–${batchLastLine}`;
      throw damaged(
        file,
        null,
        `${where} (table ${plan.header.name}) do not fit this database: ${(err as Error).message}`,
      );
    }
    done += batch.length;
    batch = [];
    await options.onProgress?.({ table: plan.header.name, rows: done, total: header.rows });
  };
  const closeTable = (at: number | null) => {
    if (plan && count !== plan.header.rows)
      throw damaged(
        file,
        at,
        `table ${plan.header.name} has ${count} rows, its header says ${plan.header.rows}`,
      );
  };

  for (;;) {
    const next = await lines.next();
    if (next.done) break;
    const { text, bytes, complete } = next.value;
    lineNumber = next.value.number;
    if (!complete) throw damaged(file, lineNumber, 'the last line is cut off');
    hash.update(bytes);
    hash.update('\n');
    const line = parseLine(file, lineNumber, text);
    if (line.t !== plan?.header.name) {
      await flush();
      closeTable(lineNumber);
      const at = plans.findIndex((p, i) => i > index && p.header.name === line.t);
      if (at === -1)
        throw damaged(
          file,
          lineNumber,
          plans.some((p) => p.header.name === line.t)
            ? `rows of table ${line.t} out of order`
            : `table ${line.t} is not in the header`,
        );
      const skipped = plans.slice(index + 1, at).find((p) => p.header.rows > 0);
      if (skipped)
        throw damaged(
          file,
          lineNumber,
          `the ${skipped.header.rows} rows of ${skipped.header.name} are missing`,
        );
      index = at;
      plan = plans[at]!;
      count = 0;
    }
    count += 1;
    if (count > plan.header.rows)
      throw damaged(
        file,
        lineNumber,
        `table ${plan.header.name} has more rows than its header says (${plan.header.rows})`,
      );
    if (batch.length === 0) batchFirstLine = lineNumber;
    batchLastLine = lineNumber;
    batch.push(rowValues(file, lineNumber, tx, plan, line));
    if (batch.length >= plan.batchRows) await flush();
  }
  await flush();
  closeTable(null);
  const missing = plans.slice(index + 1).find((p) => p.header.rows > 0);
  if (missing)
    throw damaged(file, null, `it ends before the ${missing.header.rows} rows of ${missing.header.name}`);
  const sha = hash.digest('hex');
  if (sha !== header.dataSha256)
    throw damaged(
      file,
      null,
      `its data (lines 2–${lineNumber}) does not match the SHA-256 in its header ` +
        `(${sha.slice(0, 12)}… instead of ${header.dataSha256.slice(0, 12)}…)`,
    );

  await resetSequences(tx, plans);
  return migrateToLatestWithin(tx, schema);
}

async function refuseRows(tx: Db, location: string): Promise<void> {
  for (const table of await readCatalog(tx)) {
    const r = await sql`select 1 as n from ${sql.id(table.name)} limit 1`.execute(tx.kysely);
    if (r.rows.length > 0)
      throw new BackupRefusedError(
        `${location} is not empty (table ${table.name} has rows). Restore only into an empty ` +
          `database: another PEJLING_DATA_DIR, or another PostgreSQL database or PEJLING_DB_SCHEMA.`,
      );
  }
}

interface TablePlan {
  readonly header: BackupTableHeader;
  readonly table: TableInfo;
  /** Per header column: the target column and the kind the file wrote it as. */
  readonly columns: readonly { name: string; source: ColumnKind; target: ColumnInfo }[];
  readonly names: ReadonlySet<string>;
  readonly batchRows: number;
}

/**
 * Matches the header's tables to the target's after migrating, and checks the file's order
 * lets every row's parents in first.
 */
function planTables(file: string, header: BackupHeader, catalog: Map<string, TableInfo>): TablePlan[] {
  const position = new Map(header.tables.map((t, i) => [t.name, i]));
  return header.tables.map((h, i) => {
    const table = catalog.get(h.name);
    if (!table)
      throw new BackupRefusedError(
        `${file} has table ${h.name}, which the schema of ${header.migrations[header.migrations.length - 1]} ` +
          `does not have here. Nothing was restored.`,
      );
    const byName = new Map(table.columns.map((c) => [c.name, c]));
    const columns = h.columns.map((c) => {
      const target = byName.get(c.name);
      if (!target)
        throw new BackupRefusedError(
          `${file} has column ${h.name}.${c.name}, which this database does not have`,
        );
      return { name: c.name, source: c.kind, target };
    });
    for (const parent of table.parents) {
      const p = position.get(parent);
      if (h.rows > 0 && p !== undefined && p > i && header.tables[p]!.rows > 0)
        throw damaged(file, 1, `table ${h.name} comes before ${parent}, which it refers to`);
    }
    return {
      header: h,
      table,
      columns,
      names: new Set(columns.map((c) => c.name)),
      batchRows: Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / columns.length))),
    };
  });
}

interface Line {
  readonly number: number;
  readonly text: string;
  readonly bytes: Buffer;
  readonly complete: boolean;
}

async function* numbered(file: string): AsyncGenerator<Line> {
  let number = 0;
  try {
    for await (const { bytes, complete } of gzipLines(file)) {
      number += 1;
      yield { number, text: bytes.toString('utf8'), bytes, complete };
    }
  } catch (err) {
    if (err instanceof DecompressError)
      throw damaged(
        file,
        number === 0 ? null : number + 1,
        number === 0
          ? `it is not gzip data, or cut off (${err.message})`
          : `the compressed data is cut off or corrupt (${err.message})`,
      );
    throw err;
  }
}

interface DataLine {
  readonly t: string;
  readonly r: Record<string, unknown>;
  readonly jsonNull: readonly string[];
}

function parseLine(file: string, number: number, text: string): DataLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(file, number, 'not JSON');
  }
  const line = value as { t?: unknown; r?: unknown; jsonNull?: unknown } | null;
  if (
    typeof line !== 'object' ||
    line === null ||
    typeof line.t !== 'string' ||
    typeof line.r !== 'object' ||
    line.r === null ||
    Array.isArray(line.r) ||
    (line.jsonNull !== undefined &&
      !(Array.isArray(line.jsonNull) && line.jsonNull.every((c) => typeof c === 'string')))
  )
    throw damaged(file, number, 'not a row ({"t": table, "r": {…}})');
  return { t: line.t, r: line.r as Record<string, unknown>, jsonNull: (line.jsonNull as string[]) ?? [] };
}

function rowValues(file: string, number: number, tx: Db, plan: TablePlan, line: DataLine): unknown[] {
  const keys = Object.keys(line.r);
  if (keys.length !== plan.columns.length || keys.some((k) => !plan.names.has(k)))
    throw damaged(file, number, `the columns of this ${plan.header.name} row differ from its header`);
  return plan.columns.map((c) => {
    try {
      return toDatabase(tx.dialect, c.source, c.target, line.r[c.name], line.jsonNull.includes(c.name));
    } catch (err) {
      if (err instanceof ValueError)
        throw damaged(file, number, `${plan.header.name}.${c.name}: ${err.message}`);
      throw err;
    }
  });
}

async function insert(tx: Db, plan: TablePlan, rows: readonly unknown[][]): Promise<void> {
  const columns = sql.join(plan.columns.map((c) => sql.id(c.name)));
  const values = sql.join(rows.map((row) => sql`(${sql.join(row)})`));
  const overriding = plan.table.identityAlways ? sql`overriding system value` : sql``;
  await sql`insert into ${sql.id(plan.header.name)} (${columns}) ${overriding} values ${values}`.execute(
    tx.kysely,
  );
}

/**
 * Ids were inserted explicitly, which PostgreSQL sequences do not notice; SQLite's
 * AUTOINCREMENT does, but only up to the largest id present. Both continue after the larger
 * of that and the source's own counter, so an id is never handed out twice.
 */
async function resetSequences(tx: Db, plans: readonly TablePlan[]): Promise<void> {
  for (const { table, header } of plans) {
    if (!table.sequence) continue;
    const max = await sql<{
      v: number | null;
    }>`select max(${sql.id(table.sequence.column)}) as v from ${sql.id(table.name)}`.execute(tx.kysely);
    const value = Math.max(Number(max.rows[0]?.v ?? 0), header.sequence ?? 0);
    if (tx.dialect === 'postgres') {
      const name = table.sequence.name!;
      if (value > 0) await sql`select setval(${name}::regclass, ${value}, true)`.execute(tx.kysely);
      else await sql`select setval(${name}::regclass, 1, false)`.execute(tx.kysely);
    } else if (value > 0) {
      await sql`delete from sqlite_sequence where name = ${table.name}`.execute(tx.kysely);
      await sql`insert into sqlite_sequence (name, seq) values (${table.name}, ${value})`.execute(tx.kysely);
    }
  }
}
