/** Correcting and removing one invitee of a round. */
import type { Db } from '../database.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';

export interface InviteeContact {
  readonly email: string;
  readonly role: string | null;
}

/** Another invitee of the same organisation in the round has this address already. */
export class DuplicateInviteeError extends InvalidInputError {}

export async function updateInviteeContact(
  db: Db,
  respondentId: number,
  contact: InviteeContact,
): Promise<void> {
  await db.transaction(async (tx) => {
    const me = await tx.kysely
      .selectFrom('respondents')
      .select(['round_id', 'organisation_id'])
      .where('id', '=', respondentId)
      .executeTakeFirst();
    if (!me) throw new NotFoundError('respondent', String(respondentId));
    // The invitee file treats organisation + address as one person; keep it so.
    const twin = await tx.kysely
      .selectFrom('respondents')
      .select('id')
      .where('round_id', '=', me.round_id)
      .where('organisation_id', '=', me.organisation_id)
      .where('id', '<>', respondentId)
      .where((eb) => eb(eb.fn('lower', ['email']), '=', contact.email.toLowerCase()))
      .executeTakeFirst();
    if (twin) throw new DuplicateInviteeError(`${contact.email} is already invited for this organisation`);
    await tx.kysely
      .updateTable('respondents')
      .set({ email: contact.email, role: contact.role })
      .where('id', '=', respondentId)
      .execute();
  });
}

/** Someone who submitted stays: their answers are in the round's scores and releases. */
export class SubmittedInviteeError extends InvalidInputError {}

/**
 * Removes the invitee with their unsubmitted draft, their mails' record and their links, all
 * at once (the foreign keys cascade). Returns whether a draft went with them.
 */
export async function removeInvitee(db: Db, respondentId: number): Promise<{ draft: boolean }> {
  return db.transaction(async (tx) => {
    const submitted = await tx.kysely
      .selectFrom('submissions')
      .select('id')
      .where('respondent_id', '=', respondentId)
      .limit(1)
      .executeTakeFirst();
    if (submitted)
      throw new SubmittedInviteeError('This invitee has submitted answers and cannot be removed');
    const draft = await tx.kysely
      .selectFrom('drafts')
      .select('respondent_id')
      .where('respondent_id', '=', respondentId)
      .executeTakeFirst();
    const removed = await tx.kysely
      .deleteFrom('respondents')
      .where('id', '=', respondentId)
      .executeTakeFirst();
    if (removed.numDeletedRows === 0n) throw new NotFoundError('respondent', String(respondentId));
    return { draft: draft !== undefined };
  });
}
