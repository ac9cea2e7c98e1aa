/**
 * Autosave. Each save bumps the draft's revision; a client that passes the revision it last
 * saw gets a DraftConflictError instead of silently overwriting a save from another tab.
 */
import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { DraftConflictError, InvalidInputError } from '../errors.ts';
import { canonicalJson } from '../json.ts';
import { nowIso } from '../time.ts';
import { lockRespondentForResponse } from './lock-respondent.ts';
import { saveDraftOneStatement } from './save-draft-pg.ts';

export interface SavedDraft {
  readonly revision: number;
  readonly updatedAt: string;
}

/**
 * @param expectedRevision the revision the client last saw (0: no draft yet); omit to save
 *   unconditionally.
 */
export async function saveDraft(
  db: Db,
  respondentId: number,
  answers: Answers,
  expectedRevision?: number,
): Promise<SavedDraft> {
  if (expectedRevision !== undefined && !(Number.isInteger(expectedRevision) && expectedRevision >= 0)) {
    throw new InvalidInputError('expectedRevision must be a non-negative integer');
  }
  const json = canonicalJson(answers);
  if (db.dialect === 'postgres' && !db.inTransaction)
    return saveDraftOneStatement(db, respondentId, json, nowIso(), expectedRevision);
  return db.transaction(async (tx) => {
    const now = nowIso();
    await lockRespondentForResponse(tx, respondentId, now);
    const drafts = tx.kysely;

    if (expectedRevision === undefined) {
      const row = await drafts
        .insertInto('drafts')
        .values({ respondent_id: respondentId, answers: json, revision: 1, updated_at: now })
        .onConflict((oc) =>
          oc.column('respondent_id').doUpdateSet((eb) => ({
            answers: eb.ref('excluded.answers'),
            revision: eb('drafts.revision', '+', 1),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .returning('revision')
        .executeTakeFirstOrThrow();
      return { revision: row.revision, updatedAt: now };
    }

    const row =
      expectedRevision === 0
        ? await drafts
            .insertInto('drafts')
            .values({ respondent_id: respondentId, answers: json, revision: 1, updated_at: now })
            .onConflict((oc) => oc.column('respondent_id').doNothing())
            .returning('revision')
            .executeTakeFirst()
        : await drafts
            .updateTable('drafts')
            .set((eb) => ({ answers: json, revision: eb('revision', '+', 1), updated_at: now }))
            .where('respondent_id', '=', respondentId)
            .where('revision', '=', expectedRevision)
            .returning('revision')
            .executeTakeFirst();
    if (row) return { revision: row.revision, updatedAt: now };

    const current = await drafts
      .selectFrom('drafts')
      .select('revision')
      .where('respondent_id', '=', respondentId)
      .executeTakeFirst();
    throw new DraftConflictError(expectedRevision, current?.revision ?? 0);
  });
}
