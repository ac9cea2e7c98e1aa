/**
 * Inserting many rows fast, for imports of hundreds of thousands of respondents. Kysely
 * builds an object tree per value and each batch is a new SQL text to parse; here the
 * embedded database reuses one prepared statement per shape (better-sqlite3, inside the
 * caller's transaction on the same connection), and PostgreSQL gets one statement per batch
 * with a column array per parameter (`unnest`), so its text and plan are the same for any
 * number of rows.
 */
import { sql } from 'kysely';
import type { Db } from './database.ts';
import { chunks } from './sql-helpers.ts';

export interface BulkColumn {
  readonly name: string;
  /** The PostgreSQL array element type the values travel as, e.g. `bigint`, `text`, `timestamptz`. */
  readonly pgType: string;
  /** A cast to the column's own type after unnesting, e.g. `json` for text that is JSON. */
  readonly pgCast?: string;
}

/** Rows per SQLite statement, and per PostgreSQL statement. */
const SQLITE_ROWS = 64;
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
