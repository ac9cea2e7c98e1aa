import type { Db } from '../database.ts';
import { toRespondent } from '../rows.ts';
import type { Respondent } from '../types.ts';

export async function getRespondent(db: Db, id: number): Promise<Respondent | undefined> {
  const row = await db.kysely.selectFrom('respondents').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRespondent(row) : undefined;
}

export async function findRespondent(
  db: Db,
  key: { roundId: number; organisationId: number; externalId: string },
): Promise<Respondent | undefined> {
  const row = await db.kysely
    .selectFrom('respondents')
    .selectAll()
    .where('round_id', '=', key.roundId)
    .where('organisation_id', '=', key.organisationId)
    .where('external_id', '=', key.externalId)
    .executeTakeFirst();
  return row ? toRespondent(row) : undefined;
}
