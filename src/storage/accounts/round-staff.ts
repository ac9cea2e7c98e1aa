/** Which analysts run which round. */
import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';
import { accountsKysely } from './schema.ts';

export async function assignRoundStaff(db: Db, roundId: number, userId: number): Promise<void> {
  await accountsKysely(db)
    .insertInto('round_staff')
    .values({ round_id: roundId, user_id: userId, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['round_id', 'user_id']).doNothing())
    .execute();
}

export async function isRoundStaff(db: Db, roundId: number, userId: number): Promise<boolean> {
  const row = await accountsKysely(db)
    .selectFrom('round_staff')
    .select('user_id')
    .where('round_id', '=', roundId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row !== undefined;
}

export async function roundIdsOfStaff(db: Db, userId: number): Promise<number[]> {
  const rows = await accountsKysely(db)
    .selectFrom('round_staff')
    .select('round_id')
    .where('user_id', '=', userId)
    .execute();
  return rows.map((r) => r.round_id);
}

export async function staffOfRound(db: Db, roundId: number): Promise<string[]> {
  const rows = await accountsKysely(db)
    .selectFrom('round_staff as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select('u.email')
    .where('s.round_id', '=', roundId)
    .orderBy('u.email')
    .execute();
  return rows.map((r) => r.email);
}
