/** How many respondents of a round have a current submission: what an export's size grows with. */
import type { Db } from '../database.ts';

export async function countSubmittedRespondents(db: Db, roundId: number): Promise<number> {
  const row = await db.kysely
    .selectFrom('respondents as r')
    .innerJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
