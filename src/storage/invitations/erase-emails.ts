/**
 * Erases the e-mail addresses of a closed round's respondents. Answers stay: they were never
 * linked to an address except through this column, and the invitation links die with it.
 */
import type { Db } from '../database.ts';
import { InvalidInputError } from '../errors.ts';
import { inviteesKysely } from './schema.ts';

export async function eraseRoundEmails(db: Db, roundId: number): Promise<number> {
  return db.transaction(async (tx) => {
    const round = await tx.kysely
      .selectFrom('rounds')
      .select(['name', 'status'])
      .where('id', '=', roundId)
      .$if(tx.dialect === 'postgres', (q) => q.forUpdate())
      .executeTakeFirstOrThrow();
    if (round.status !== 'closed') throw new InvalidInputError(`Round ${round.name} is not closed yet`);
    await inviteesKysely(tx)
      .deleteFrom('invitation_links')
      .where('respondent_id', 'in', (eb) =>
        eb.selectFrom('respondents').select('id').where('round_id', '=', roundId),
      )
      .execute();
    const result = await tx.kysely
      .updateTable('respondents')
      .set({ email: null, token_hash: null })
      .where('round_id', '=', roundId)
      .where((eb) => eb.or([eb('email', 'is not', null), eb('token_hash', 'is not', null)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  });
}
