/**
 * Submitting answers. Submissions are immutable: a new submission while the round is open
 * inserts a row and marks the previous one superseded (a trigger forbids any other change).
 * Submitting the same answers again is a no-op that returns the current submission, so a
 * client may safely retry after a lost response.
 */
import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { canonicalJson } from '../json.ts';
import { nowIso } from '../time.ts';
import { lockRespondentForResponse } from './lock-respondent.ts';

export interface SubmitResult {
  readonly id: number;
  readonly submittedAt: string;
  /** False when the answers equalled the current submission and nothing was written. */
  readonly created: boolean;
}

export async function submitResponse(db: Db, respondentId: number, answers: Answers): Promise<SubmitResult> {
  const json = canonicalJson(answers);
  return db.transaction(async (tx) => {
    let now = nowIso();
    await lockRespondentForResponse(tx, respondentId, now);
    const current = await tx.kysely
      .selectFrom('submissions')
      .select(['id', 'answers', 'submitted_at'])
      .where('respondent_id', '=', respondentId)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    if (current?.answers === json)
      return { id: current.id, submittedAt: current.submitted_at, created: false };

    if (current) {
      // Keep superseded_at ≥ submitted_at even if the clock stepped back.
      if (current.submitted_at > now) now = current.submitted_at;
      await tx.kysely
        .updateTable('submissions')
        .set({ superseded_at: now })
        .where('id', '=', current.id)
        .execute();
    }
    const row = await tx.kysely
      .insertInto('submissions')
      .values({ respondent_id: respondentId, answers: json, submitted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, submittedAt: now, created: true };
  });
}
