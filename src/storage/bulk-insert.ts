/**
 * Inserting many rows fast, for imports of hundreds of thousands of respondents. Kysely
 * builds an object tree per value and each batch is a new SQL text to parse; here the
 * embedded database reuses one prepared statement per shape (better-sqlite3, inside the
 * caller's transaction on the same connection), and PostgreSQL gets `COPY … FROM STDIN`
 * inside the caller's transaction (pg-copy.ts), or, when rows must come back (RETURNING),
 * one statement per batch with a column array per parameter (`unnest`), so its text and plan
 * are the same for any number of rows. Ids can be taken beforehand (`reserveIds`), so that
 * no insert needs RETURNING.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { copyFrom } from './pg-copy.ts';
import { chunks } from './sql-helpers.ts';

export interface BulkColumn {
  readonly name: string;
  /** The PostgreSQL array element type the values travel as, e.g. `bigint`, `text`, `timestamptz`. */
  readonly pgType: string;
  /** A cast to the column's own type after unnesting, e.g. `json` for text that is JSON. */
  readonly pgCast?: string;
}

/** Rows per SQLite statement, and per PostgreSQL statement. */
const SQLITE_ROWS = 256;
const PG_ROWS = 10_000;

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain identifier: ${name}`);
  return `"${name}"`;
};

/**
 * Inserts the rows (values in column order); with `returning`, returns those columns of the
 * inserted rows (in no particular order).
 */
export async function bulkInsert<R extends Record<string, unknown> = Record<string, never>>(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  returning: readonly string[] = [],
): Promise<R[]> {
  if (rows.length === 0) return [];
  const cols = columns.map((c) => ident(c.name)).join(', ');
  const back = returning.length > 0 ? ` returning ${returning.map(ident).join(', ')}` : '';
  const out: R[] = [];

  const handle = db.sqliteHandle;
  if (handle) {
    if (!db.inTransaction) throw new Error('bulkInsert on SQLite runs inside a transaction');
    const one = `(${columns.map(() => '?').join(', ')})`;
    const statement = (n: number) =>
      handle.database.prepare(
        `insert into ${ident(table)} (${cols}) values ${Array(n).fill(one).join(', ')}${back}`,
      );
    const full = statement(Math.min(SQLITE_ROWS, rows.length));
    try {
      for (const batch of chunks(rows, SQLITE_ROWS)) {
        const stmt =
          batch.length === SQLITE_ROWS || batch.length === rows.length ? full : statement(batch.length);
        const params = batch.flat();
        if (back) out.push(...(stmt.all(params) as R[]));
        else stmt.run(params);
      }
    } catch (err) {
      throw handle.classify(err);
    }
    return out;
  }

  const pgHandle = db.pgHandle;
  if (pgHandle && !back) {
    // COPY needs the transaction's own connection; outside one there is no such thing.
    if (!db.inTransaction) throw new Error('bulkInsert on PostgreSQL runs inside a transaction');
    const client = await pgHandle.clients.clientOf(db.kysely);
    try {
      await copyFrom(client, `copy ${ident(table)} (${cols}) from stdin`, rows);
    } catch (err) {
      throw pgHandle.classify(err);
    }
    return out;
  }

  for (const batch of chunks(rows, PG_ROWS)) {
    const arrays = columns.map((_, i) => batch.map((row) => row[i]));
    const unnest = sql.join(
      columns.map((c, i) => sql`${arrays[i]}::${sql.raw(c.pgType)}[]`),
      sql`, `,
    );
    const aliases = columns.map((_, i) => `c${i}`);
    const select = columns
      .map((c, i) => (c.pgCast ? `u.${aliases[i]}::${c.pgCast}` : `u.${aliases[i]}`))
      .join(', ');
    const result =
      await sql<R>`insert into ${sql.raw(ident(table))} (${sql.raw(cols)}) select ${sql.raw(select)} from unnest(${unnest}) as u(${sql.raw(aliases.join(', '))})${sql.raw(back)}`.execute(
        db.kysely,
      );
    out.push(...result.rows);
  }
  return out;
}

/**
 * `n` new ids of `table`'s `id` column, in ascending order, taken now so that rows can be
 * inserted with them (and referenced) without RETURNING. PostgreSQL: from the identity's
 * sequence, so concurrent writers never get the same ones. SQLite: after the largest id
 * ever used (AUTOINCREMENT's `sqlite_sequence` included), which only this transaction can
 * change (the embedded database has a single writer and the caller holds the transaction).
 */
export async function reserveIds(db: Db, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  if (!db.inTransaction) throw new Error('reserveIds runs inside a transaction');
  if (db.dialect === 'postgres') {
    const { rows } = await sql<{
      id: number;
    }>`select nextval(pg_get_serial_sequence(${table}, 'id')) as id from generate_series(1, ${n})`.execute(
      db.kysely,
    );
    return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
  }
  const { rows } = await sql<{
    last: number | null;
  }>`select max(coalesce((select seq from sqlite_sequence where name = ${table}), 0), coalesce((select max(id) from ${sql.raw(ident(table))}), 0)) as last`.execute(
    db.kysely,
  );
  const first = Number(rows[0]?.last ?? 0) + 1;
  return Array.from({ length: n }, (_, i) => first + i);
}
