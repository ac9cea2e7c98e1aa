/**
 * Rate-limit counters: one row per key with its hits and the end of its window. Counting is
 * one atomic upsert (a window that has ended starts again at 1), so concurrent requests on
 * several app instances never lose a hit, and a request costs exactly one statement.
 *
 * The table: UNLOGGED on PostgreSQL (migration 0012), TEMP on SQLite, made here on first use
 * (why: see the migration).
 */
import { sql, type Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Timestamp } from '../schema.ts';

interface RateLimitsTable {
  key: string;
  hits: number;
  expires_at: Timestamp;
}

const countersOf = (db: Db) => db.kysely as unknown as Kysely<{ rate_limits: RateLimitsTable }>;

const tempTables = new WeakMap<object, Promise<unknown>>();

async function ready(db: Db): Promise<Kysely<{ rate_limits: RateLimitsTable }>> {
  if (db.sqliteHandle) {
    const handle = db.sqliteHandle;
    let made = tempTables.get(handle);
    if (!made) {
      made = sql`create temp table if not exists rate_limits (
          key text primary key, hits integer not null, expires_at text not null)`.execute(db.kysely);
      tempTables.set(handle, made);
    }
    await made;
  }
  return countersOf(db);
}

export interface RateLimitCount {
  readonly hits: number;
  /** When the window ends. */
  readonly expiresAt: Timestamp;
}

/** Counts one hit of `key` in a window of `windowMs` that starts with the first hit. */
export async function countHit(db: Db, key: string, windowMs: number, now: Date): Promise<RateLimitCount> {
  const at = now.toISOString();
  const row = await (
    await ready(db)
  )
    .insertInto('rate_limits')
    .values({ key, hits: 1, expires_at: new Date(now.getTime() + windowMs).toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when rate_limits.expires_at <= ${at} then 1 else rate_limits.hits + 1 end`,
        expires_at: sql<string>`case when rate_limits.expires_at <= ${at} then excluded.expires_at else rate_limits.expires_at end`,
      }),
    )
    .returning(['hits', 'expires_at'])
    .executeTakeFirstOrThrow();
  return { hits: row.hits, expiresAt: row.expires_at };
}

/** Sets `key` to `hits` until `until` (a lock-out: every hit before then is over the limit). */
export async function holdRateLimit(db: Db, key: string, hits: number, until: Timestamp): Promise<void> {
  await (
    await ready(db)
  )
    .insertInto('rate_limits')
    .values({ key, hits, expires_at: until })
    .onConflict((oc) => oc.column('key').doUpdateSet({ hits, expires_at: until }))
    .execute();
}

/** Forgets windows that have ended; returns how many. */
export async function deleteExpiredRateLimits(db: Db, now: Date): Promise<number> {
  const result = await (
    await ready(db)
  )
    .deleteFrom('rate_limits')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
