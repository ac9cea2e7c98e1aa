/**
 * One organisation across rounds: the rounds it has answers in, and its own data in one
 * round (without loading anyone else's), for the trend and the targets of its report.
 */
import type { OrganisationData, RespondentData } from '../../core/exchange/types.ts';
import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { parseJson } from '../json.ts';
import { toRound } from '../rows.ts';
import { codePointOrder } from '../sql-helpers.ts';
import type { Organisation, Round } from '../types.ts';

/** Rounds with a current submission from the organisation, oldest first (creation order). */
export async function listOrganisationRounds(db: Db, organisationId: number): Promise<Round[]> {
  const rows = await db.kysely
    .selectFrom('rounds as rd')
    .selectAll('rd')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('respondents as r')
          .innerJoin('submissions as s', (join) =>
            join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
          )
          .select('r.id')
          .whereRef('r.round_id', '=', 'rd.id')
          .where('r.organisation_id', '=', organisationId),
      ),
    )
    .orderBy('rd.created_at')
    .orderBy('rd.id')
    .execute();
  return rows.map(toRound);
}

/** Whether the organisation has a current submission in the round (reads no answers). */
export async function organisationHasAnswers(
  db: Db,
  roundId: number,
  organisationId: number,
): Promise<boolean> {
  const row = await db.kysely
    .selectFrom('respondents as r')
    .innerJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select('r.id')
    .where('r.round_id', '=', roundId)
    .where('r.organisation_id', '=', organisationId)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The organisation's current submissions in a round; null when it has none there. */
export async function loadOrganisationRoundData(
  db: Db,
  roundId: number,
  organisation: Pick<Organisation, 'id' | 'name' | 'sector'>,
): Promise<OrganisationData | null> {
  const rows = await db.kysely
    .selectFrom('respondents as r')
    .innerJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select(['r.external_id', 's.answers'])
    .where('r.round_id', '=', roundId)
    .where('r.organisation_id', '=', organisation.id)
    .orderBy(codePointOrder(db, 'r.external_id'))
    .execute();
  if (rows.length === 0) return null;
  const respondents: RespondentData[] = rows.map((r) => ({
    id: r.external_id,
    answers: parseJson<Answers>(r.answers),
  }));
  return { name: organisation.name, sector: organisation.sector, respondents };
}
