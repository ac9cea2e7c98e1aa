/**
 * A respondent's submission and their organisation's stored score, in one transaction: the
 * score a sector figure or a peer comparison reads is never behind an acknowledged answer.
 */
import type { Answers } from '../../core/instrument/types.ts';
import { submitResponse, type Db, type RespondentContext, type SubmitResult } from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';
import { rescoreOrganisation } from './scores.ts';

export async function submitAnswers(db: Db, who: RespondentContext, answers: Answers): Promise<SubmitResult> {
  // Outside the transaction: on SQLite the transaction holds the only connection.
  const instrument = await instrumentOf(db, who.round.instrument);
  return db.transaction(async (tx) => {
    const result = await submitResponse(tx, who.respondent.id, answers);
    if (result.created) await rescoreOrganisation(tx, instrument, who.round.id, who.organisation);
    return result;
  });
}
