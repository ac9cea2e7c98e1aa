/**
 * Failed log-in counters, one row per key. Counting is one atomic upsert, so concurrent
 * attempts on several app instances never lose a failure.
 */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Timestamp } from '../schema.ts';
import { accountsKysely } from './schema.ts';

export interface ThrottleState {
  readonly key: string;
  readonly failures: number;
  readonly windowStartedAt: Timestamp;
  readonly lockedUntil: Timestamp | null;
}

export async function getThrottle(db: Db, keys: readonly string[]): Promise<ThrottleState[]> {
  if (keys.length === 0) return [];
  const rows = await accountsKysely(db)
    .selectFrom('login_throttle')
    .selectAll()
    .where('key', 'in', keys)
    .execute();
  return rows.map((r) => ({
    key: r.key,
    failures: r.failures,
    windowStartedAt: r.window_started_at,
    lockedUntil: r.locked_until,
  }));
}

/**
 * Counts one failure: a window older than `windowStart` starts again at 1. Returns the state
 * after counting, for the caller to decide on a lock.
 */
export async function countFailure(
  db: Db,
  key: string,
  now: Timestamp,
  windowStart: Timestamp,
): Promise<ThrottleState> {
  const k = accountsKysely(db);
  const row = await k
    .insertInto('login_throttle')
    .values({ key, failures: 1, window_started_at: now, locked_until: null })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: sql<number>`case when login_throttle.window_started_at < ${windowStart} then 1 else login_throttle.failures + 1 end`,
        window_started_at: sql<string>`case when login_throttle.window_started_at < ${windowStart} then ${now} else login_throttle.window_started_at end`,
      }),
    )
    // This failure's own count (a read afterwards would see other requests' counts too).
    .returning(['key', 'failures', 'window_started_at', 'locked_until'])
    .executeTakeFirstOrThrow();
  return {
    key: row.key,
    failures: Number(row.failures),
    windowStartedAt: row.window_started_at,
    lockedUntil: row.locked_until,
  };
}

export async function lockKey(db: Db, key: string, until: Timestamp): Promise<void> {
  await accountsKysely(db)
    .updateTable('login_throttle')
    .set({ locked_until: until })
    .where('key', '=', key)
    .execute();
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await accountsKysely(db).deleteFrom('login_throttle').where('key', '=', key).execute();
}
