/** What a mail job needs to know of a respondent just before mailing them. */
import type { Db } from '../database.ts';
import { accountsKysely } from '../accounts/schema.ts';
import { hasCurrentSubmission } from './current-submission.ts';

export interface MailRecipient {
  readonly roundId: number;
  readonly email: string | null;
  readonly hasToken: boolean;
  readonly submitted: boolean;
  /** When the latest invitation mail the server accepted was sent. */
  readonly invitedAt: string | null;
}

export async function getMailRecipient(db: Db, respondentId: number): Promise<MailRecipient | null> {
  const k = accountsKysely(db);
  const row = await k
    .selectFrom('respondents as r')
    .select((eb) => [
      'r.round_id',
      'r.email',
      'r.token_hash',
      hasCurrentSubmission.as('submitted'),
      eb
        .selectFrom('invitation_mails as m')
        .select((m) => m.fn.max('m.at').as('at'))
        .whereRef('m.respondent_id', '=', 'r.id')
        .where('m.kind', '=', 'invitation')
        .where('m.outcome', '=', 'sent')
        .as('invited_at'),
    ])
    .where('r.id', '=', respondentId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    roundId: Number(row.round_id),
    email: row.email,
    hasToken: row.token_hash !== null,
    submitted: Boolean(row.submitted),
    invitedAt: (row.invited_at as string | null) ?? null,
  };
}
