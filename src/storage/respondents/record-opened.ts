import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';

/**
 * Notes that the survey was loaded with a valid link: one indexed update per load of the
 * survey (autosaves never call it), so the invitee list can tell "opened" from "invited".
 */
export async function recordSurveyOpened(db: Db, respondentId: number): Promise<void> {
  const now = nowIso();
  await db.kysely
    .updateTable('respondents')
    .set((eb) => ({ first_opened_at: eb.fn.coalesce('first_opened_at', eb.val(now)), last_opened_at: now }))
    .where('id', '=', respondentId)
    .execute();
}
