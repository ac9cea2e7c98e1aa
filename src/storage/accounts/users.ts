/** User look-ups and changes the accounts need beyond creating and disabling. */
import type { Db } from '../database.ts';
import { toUser } from '../rows.ts';
import type { User } from '../types.ts';

export async function getUserById(db: Db, id: number): Promise<User | undefined> {
  const row = await db.kysely.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function listUsers(db: Db): Promise<User[]> {
  const rows = await db.kysely.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toUser);
}

/** Stores an already computed password hash (this layer never sees passwords). */
export async function setPasswordHash(db: Db, userId: number, passwordHash: string): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ password_hash: passwordHash })
    .where('id', '=', userId)
    .execute();
}
