import type { Db } from '../database.ts';
import { toOrganisation } from '../rows.ts';
import type { Organisation } from '../types.ts';

export async function getOrganisationByName(db: Db, name: string): Promise<Organisation | undefined> {
  const row = await db.kysely
    .selectFrom('organisations')
    .selectAll()
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? toOrganisation(row) : undefined;
}

export async function getOrganisationById(db: Db, id: number): Promise<Organisation | undefined> {
  const row = await db.kysely.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganisation(row) : undefined;
}
