/**
 * Counters of the respondents' rate limit (src/web-server/rate-limit.ts), shared by every app
 * instance on the database: one row per key, its hits and when its window ends.
 *
 * PostgreSQL: UNLOGGED, because a counter needs no durability (a crash empties the table,
 * which only forgives the last minutes) and an unlogged write skips the WAL, on the hottest
 * path there is (every autosave counts one hit).
 *
 * SQLite: nothing here. Only one process can open the file (exclusive locking, sqlite.ts), so
 * every instance shares its one connection, and the counters live in a TEMP table of that
 * connection (src/storage/rate-limits/counters.ts): a commit to the main file waits for an
 * fsync (synchronous=FULL, ~0.2–0.3 ms measured here, with the event loop standing still),
 * a commit to a temp table does not (~0.01 ms).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  const t = columnTypes(dialect);
  await db.schema
    .createTable('rate_limits')
    .modifyFront(sql`unlogged`)
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .$call(t.timestamp('expires_at', { notNull: true }))
    .execute();
}
