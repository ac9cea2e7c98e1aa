import type { Db } from '../database.ts';
import { toSubmission } from '../rows.ts';
import type { Submission } from '../types.ts';

export async function getCurrentSubmission(db: Db, respondentId: number): Promise<Submission | undefined> {
  const row = await db.kysely
    .selectFrom('submissions')
    .selectAll()
    .where('respondent_id', '=', respondentId)
    .where('superseded_at', 'is', null)
    .executeTakeFirst();
  return row ? toSubmission(row) : undefined;
}

/** Every submission of a respondent, oldest first, superseded ones included. */
export async function listSubmissions(db: Db, respondentId: number): Promise<Submission[]> {
  const rows = await db.kysely
    .selectFrom('submissions')
    .selectAll()
    .where('respondent_id', '=', respondentId)
    .orderBy('id')
    .execute();
  return rows.map(toSubmission);
}
