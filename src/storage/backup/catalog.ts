/**
 * What tables the database holds, read from its own catalog (sqlite_master and pragmas, or
 * pg_catalog) rather than from a list in code: a migration that adds a table is backed up
 * and restored without touching this folder.
 *
 * The column kinds drive value normalisation. PostgreSQL says what a column is; SQLite only
 * has a declared type, so JSON and timestamp columns are recognised by the CHECK constraints
 * `migrations/column-types.ts` puts on them.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { MIGRATION_TABLE } from '../migrations/index.ts';
import type { ColumnKind } from './format.ts';

export interface ColumnInfo {
  readonly name: string;
  readonly kind: ColumnKind;
  /** PostgreSQL types without a faithful JavaScript parser are read as text (`as-text`) or as UTC text. */
  readonly read: 'plain' | 'as-text' | 'as-utc';
}

export interface TableInfo {
  readonly name: string;
  readonly columns: readonly ColumnInfo[];
  /** In key order; empty when the table has none. */
  readonly primaryKey: readonly string[];
  /** Tables this one refers to (itself excluded). */
  readonly parents: readonly string[];
  /** The identity / AUTOINCREMENT column and, on PostgreSQL, its sequence. */
  readonly sequence: { readonly column: string; readonly name: string | null } | null;
  /** PostgreSQL `generated always as identity`: inserting an id needs `overriding system value`. */
  readonly identityAlways: boolean;
}

/** Kysely's migration history and its lock table are the target's own business, never data. */
export function isMigrationTable(name: string): boolean {
  return name === MIGRATION_TABLE || name === `${MIGRATION_TABLE}_lock`;
}

/**
 * Rate-limit counters (PostgreSQL's unlogged `rate_limits`) are minutes of traffic, not data:
 * neither backed up nor in the way of a restore into a database a server has already run on.
 * Single sign-on log-ins under way (`oidc_logins`) live minutes and hold PKCE verifiers: the
 * same.
 */
const TRANSIENT_TABLES = new Set(['rate_limits', 'oidc_logins']);

/** Every data table, parents before children. */
export async function readCatalog(db: Db): Promise<TableInfo[]> {
  const tables = db.dialect === 'postgres' ? await postgresTables(db) : await sqliteTables(db);
  return foreignKeyOrder(tables.filter((t) => !isMigrationTable(t.name) && !TRANSIENT_TABLES.has(t.name)));
}

/** The applied migrations, oldest first; empty when the database has no history yet. */
export async function readMigrationHistory(db: Db): Promise<string[]> {
  const exists =
    db.dialect === 'postgres'
      ? await sql<{ n: number }>`select 1 as n from pg_class c
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = current_schema() and c.relname = ${MIGRATION_TABLE}`.execute(db.kysely)
      : await sql<{ n: number }>`select 1 as n from sqlite_master
          where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db.kysely);
  if (exists.rows.length === 0) return [];
  const rows = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)}`.execute(db.kysely);
  // Names start with a zero-padded number, so code point order is run order.
  return rows.rows.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The last value each table's id generator handed out, which can be above the largest id
 * still present when rows were deleted (sessions, tokens); null when it never ran.
 */
export async function readSequences(db: Db, tables: readonly TableInfo[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (db.dialect === 'postgres') {
    for (const t of tables) {
      if (!t.sequence?.name) continue;
      const r = await sql<{
        v: number | null;
      }>`select pg_sequence_last_value(${t.sequence.name}::regclass) as v`.execute(db.kysely);
      const v = r.rows[0]?.v;
      if (v !== null && v !== undefined) out.set(t.name, Number(v));
    }
    return out;
  }
  const exists =
    await sql`select 1 from sqlite_master where type = 'table' and name = 'sqlite_sequence'`.execute(
      db.kysely,
    );
  if (exists.rows.length === 0) return out;
  const rows = await sql<{ name: string; seq: number }>`select name, seq from sqlite_sequence`.execute(
    db.kysely,
  );
  const known = new Set(tables.filter((t) => t.sequence).map((t) => t.name));
  for (const r of rows.rows) if (known.has(r.name)) out.set(r.name, Number(r.seq));
  return out;
}

// ---------------------------------------------------------------------------------- SQLite

const SQLITE_JSON_CHECK = /json_valid\(\s*(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|(\w+))\s*\)/gi;
// column-types.ts: check (strftime('%Y-%m-%dT%H:%M:%fZ', "col") = "col")
const SQLITE_TIMESTAMP_CHECK =
  /strftime\(\s*'%Y-%m-%dT%H:%M:%fZ'\s*,\s*(?:"([^"]+)"|`([^`]+)`|\[([^\]]+)\]|(\w+))\s*\)/gi;

function checkedColumns(createSql: string, pattern: RegExp): Set<string> {
  const out = new Set<string>();
  for (const m of createSql.matchAll(pattern)) out.add((m[1] ?? m[2] ?? m[3] ?? m[4])!);
  return out;
}

/** SQLite's type affinity rules (https://sqlite.org/datatype3.html#determination_of_column_affinity). */
function sqliteDeclaredKind(declared: string): ColumnKind {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'integer';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'text';
  if (t.includes('BOOL')) return 'boolean';
  if (t.includes('BLOB')) return 'blob';
  if (
    t.includes('REAL') ||
    t.includes('FLOA') ||
    t.includes('DOUB') ||
    t.includes('NUMERIC') ||
    t.includes('DEC')
  )
    return 'real';
  return 'text';
}

async function sqliteTables(db: Db): Promise<TableInfo[]> {
  const tables = await sql<{ name: string; sql: string | null }>`
    select name, sql from sqlite_master
    where type = 'table' and name not like 'sqlite\\_%' escape '\\'
      and coalesce(sql, '') not like 'create virtual%'
    order by name`.execute(db.kysely);
  const out: TableInfo[] = [];
  for (const { name, sql: createSql } of tables.rows) {
    const text = createSql ?? '';
    const json = checkedColumns(text, SQLITE_JSON_CHECK);
    const timestamps = checkedColumns(text, SQLITE_TIMESTAMP_CHECK);
    // table_info leaves out generated columns, which must not be inserted anyway.
    const cols = await sql<{ name: string; type: string; pk: number }>`
      select name, type, pk from pragma_table_info(${name}) order by cid`.execute(db.kysely);
    const fks = await sql<{ parent: string }>`
      select distinct "table" as parent from pragma_foreign_key_list(${name})`.execute(db.kysely);
    const primaryKey = cols.rows
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    const rowidAlias =
      primaryKey.length === 1 &&
      cols.rows.find((c) => c.name === primaryKey[0])?.type.toUpperCase() === 'INTEGER';
    out.push({
      name,
      columns: cols.rows.map((c) => ({
        name: c.name,
        kind: json.has(c.name) ? 'json' : timestamps.has(c.name) ? 'timestamp' : sqliteDeclaredKind(c.type),
        read: 'plain',
      })),
      primaryKey,
      parents: [...new Set(fks.rows.map((f) => f.parent))].filter((p) => p !== name),
      sequence: rowidAlias && /\bautoincrement\b/i.test(text) ? { column: primaryKey[0]!, name: null } : null,
      identityAlways: false,
    });
  }
  return out;
}

// ------------------------------------------------------------------------------ PostgreSQL

function postgresKind(type: string): Pick<ColumnInfo, 'kind' | 'read'> {
  switch (type) {
    case 'int2':
    case 'int4':
    case 'int8':
      return { kind: 'integer', read: 'plain' };
    case 'float4':
    case 'float8':
    case 'numeric':
      return { kind: 'real', read: 'plain' };
    case 'bool':
      return { kind: 'boolean', read: 'plain' };
    case 'json':
    case 'jsonb':
      return { kind: 'json', read: 'plain' };
    case 'timestamptz':
      return { kind: 'timestamp', read: 'plain' };
    // A wall-clock time without zone: taken as UTC, like everything Pejling writes.
    case 'timestamp':
      return { kind: 'timestamp', read: 'as-utc' };
    case 'bytea':
      return { kind: 'blob', read: 'plain' };
    case 'text':
    case 'varchar':
    case 'bpchar':
      return { kind: 'text', read: 'plain' };
    // date, uuid, arrays, enums, …: their text form goes back in unchanged.
    default:
      return { kind: 'text', read: 'as-text' };
  }
}

async function postgresTables(db: Db): Promise<TableInfo[]> {
  const cols = await sql<{
    table_name: string;
    column_name: string;
    type_name: string;
    identity: string;
    sequence_name: string | null;
  }>`
    select c.relname as table_name, a.attname as column_name,
      coalesce(bt.typname, t.typname) as type_name, a.attidentity as identity,
      pg_get_serial_sequence(format('%I.%I', n.nspname, c.relname), a.attname) as sequence_name
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
    join pg_type t on t.oid = a.atttypid
    left join pg_type bt on t.typtype = 'd' and bt.oid = t.typbasetype
    where n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
      and a.attgenerated = ''
    order by c.relname, a.attnum`.execute(db.kysely);
  const keys = await sql<{ table_name: string; column_name: string }>`
    select c.relname as table_name, a.attname as column_name
    from pg_index i
    join pg_class c on c.oid = i.indrelid
    join pg_namespace n on n.oid = c.relnamespace
    cross join lateral unnest(i.indkey::int2[]) with ordinality as k(attnum, position)
    join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
    where i.indisprimary and n.nspname = current_schema()
    order by c.relname, k.position`.execute(db.kysely);
  const fks = await sql<{ child: string; parent: string }>`
    select distinct c.relname as child, p.relname as parent
    from pg_constraint k
    join pg_class c on c.oid = k.conrelid
    join pg_namespace n on n.oid = c.relnamespace
    join pg_class p on p.oid = k.confrelid
    where k.contype = 'f' and n.nspname = current_schema()`.execute(db.kysely);

  const byTable = new Map<
    string,
    { columns: ColumnInfo[]; sequence: TableInfo['sequence']; identityAlways: boolean }
  >();
  for (const c of cols.rows) {
    let t = byTable.get(c.table_name);
    if (!t) byTable.set(c.table_name, (t = { columns: [], sequence: null, identityAlways: false }));
    t.columns.push({ name: c.column_name, ...postgresKind(c.type_name) });
    if (c.sequence_name && !t.sequence) t.sequence = { column: c.column_name, name: c.sequence_name };
    if (c.identity === 'a') t.identityAlways = true;
  }
  return [...byTable].map(([name, t]) => ({
    name,
    columns: t.columns,
    primaryKey: keys.rows.filter((k) => k.table_name === name).map((k) => k.column_name),
    parents: fks.rows.filter((f) => f.child === name && f.parent !== name).map((f) => f.parent),
    sequence: t.sequence,
    identityAlways: t.identityAlways,
  }));
}

// ---------------------------------------------------------------------------------- order

/**
 * Parents before children (Kahn's algorithm, ties by name so both backends agree on the
 * order). Tables in a reference cycle, which no migration creates today, go last by name.
 */
export function foreignKeyOrder<T extends Pick<TableInfo, 'name' | 'parents'>>(tables: readonly T[]): T[] {
  const byName = new Map(tables.map((t) => [t.name, t]));
  const waiting = new Map(
    tables.map((t) => [t.name, new Set(t.parents.filter((p) => p !== t.name && byName.has(p)))]),
  );
  const out: T[] = [];
  while (waiting.size > 0) {
    const ready = [...waiting].filter(([, parents]) => parents.size === 0).map(([name]) => name);
    const next = ready.length > 0 ? ready : [...waiting.keys()];
    next.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const name = next[0]!;
    out.push(byName.get(name)!);
    waiting.delete(name);
    for (const parents of waiting.values()) parents.delete(name);
  }
  return out;
}
