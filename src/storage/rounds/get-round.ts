import type { Db } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { toRound } from '../rows.ts';
import type { Round } from '../types.ts';

export async function getRoundByName(db: Db, name: string): Promise<Round | undefined> {
  const row = await db.kysely.selectFrom('rounds').selectAll().where('name', '=', name).executeTakeFirst();
  return row ? toRound(row) : undefined;
}

export async function requireRoundByName(db: Db, name: string): Promise<Round> {
  const round = await getRoundByName(db, name);
  if (!round) throw new NotFoundError('round', name);
  return round;
}

export async function listRounds(db: Db): Promise<Round[]> {
  const rows = await db.kysely.selectFrom('rounds').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toRound);
}

export async function getRoundById(db: Db, id: number): Promise<Round | undefined> {
  const row = await db.kysely.selectFrom('rounds').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRound(row) : undefined;
}
