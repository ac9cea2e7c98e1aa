import type { Db } from '../database.ts';
import { toOrganisation } from '../rows.ts';
import { codePointOrder } from '../sql-helpers.ts';
import type { Organisation } from '../types.ts';

/**
 * The organisations that have a current submission in a round, with the attributes peer
 * groups are formed from (sector, type, size band): the same set `loadRoundData` returns.
 */
export async function listRoundOrganisations(db: Db, roundId: number): Promise<Organisation[]> {
  const rows = await db.kysely
    .selectFrom('organisations as o')
    .selectAll('o')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('respondents as r')
          .innerJoin('submissions as s', (join) =>
            join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
          )
          .select('r.id')
          .whereRef('r.organisation_id', '=', 'o.id')
          .where('r.round_id', '=', roundId),
      ),
    )
    .orderBy(codePointOrder(db, 'o.name'))
    .execute();
  return rows.map(toOrganisation);
}
