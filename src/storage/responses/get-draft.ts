import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { parseJson } from '../json.ts';
import type { Draft } from '../types.ts';

export async function getDraft(db: Db, respondentId: number): Promise<Draft | undefined> {
  const row = await db.kysely
    .selectFrom('drafts')
    .selectAll()
    .where('respondent_id', '=', respondentId)
    .executeTakeFirst();
  return row
    ? {
        respondentId: row.respondent_id,
        answers: parseJson<Answers>(row.answers),
        revision: row.revision,
        updatedAt: row.updated_at,
      }
    : undefined;
}
