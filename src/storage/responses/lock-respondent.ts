import type { Db } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { assertAcceptingResponses } from '../rounds/accepting-responses.ts';
import type { Timestamp } from '../schema.ts';

/**
 * Inside a transaction: checks that the respondent exists and their round takes responses.
 * On PostgreSQL it also locks the respondent row, so two writes for one respondent run one
 * after the other, and share-locks the round row, so closing the round waits for them. On
 * SQLite the single connection already runs transactions one at a time.
 */
export async function lockRespondentForResponse(tx: Db, respondentId: number, now: Timestamp): Promise<void> {
  const pg = tx.dialect === 'postgres';
  const respondent = await tx.kysely
    .selectFrom('respondents')
    .select('round_id')
    .where('id', '=', respondentId)
    .$if(pg, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!respondent) throw new NotFoundError('respondent', String(respondentId));
  const round = await tx.kysely
    .selectFrom('rounds')
    .select(['name', 'status', 'opens_at', 'closes_at'])
    .where('id', '=', respondent.round_id)
    .$if(pg, (q) => q.forShare())
    .executeTakeFirstOrThrow();
  assertAcceptingResponses(round, now);
}
