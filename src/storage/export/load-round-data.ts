/**
 * A round's data as the exchange format and scoring see it: each respondent's current
 * submission, grouped by organisation, ordered by organisation name and then respondent id in
 * code point order (identical on both backends, independent of the database locale).
 * Respondents without a submission, and organisations without such respondents, are left out.
 */
import type { OrganisationData, RespondentData, Sector } from '../../core/exchange/types.ts';
import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { parseJson } from '../json.ts';
import { requireRoundByName } from '../rounds/get-round.ts';
import { codePointOrder } from '../sql-helpers.ts';
import type { Round } from '../types.ts';

export interface RoundData {
  readonly round: Round;
  readonly organisations: OrganisationData[];
}

/** Respondents fetched per query. */
const BATCH_RESPONDENTS = 10_000;
/** Organisations per `IN (…)` list. */
const BATCH_ORGANISATIONS = 2_000;

export async function loadRoundData(db: Db, roundName: string): Promise<RoundData> {
  // One snapshot for all batches, so a concurrent submission cannot half-appear.
  return db.transaction(
    async (tx) => {
      const round = await requireRoundByName(tx, roundName);
      const organisations: OrganisationData[] = [];
      for await (const org of streamRoundData(tx, round.id)) organisations.push(org);
      return { round, organisations };
    },
    { isolation: 'repeatable read' },
  );
}

/**
 * The organisations of a round one by one, in order, fetched in batches of about
 * BATCH_RESPONDENTS respondents. Pass a transaction for a consistent view across batches.
 */
export async function* streamRoundData(
  db: Db,
  roundId: number,
  /** Told how much is coming before the first organisation (for progress bars). */
  onStart?: (total: { organisations: number; respondents: number }) => void,
): AsyncGenerator<OrganisationData> {
  const organisations = await db.kysely
    .selectFrom('organisations as o')
    .innerJoin('respondents as r', 'r.organisation_id', 'o.id')
    .innerJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select(['o.id', 'o.name', 'o.sector', (eb) => eb.fn.countAll<number>().as('respondents')])
    .where('r.round_id', '=', roundId)
    .groupBy(['o.id', 'o.name', 'o.sector'])
    .orderBy(codePointOrder(db, 'o.name'))
    .execute();
  onStart?.({
    organisations: organisations.length,
    respondents: organisations.reduce((n, o) => n + Number(o.respondents), 0),
  });

  for (const batch of batchByRespondents(organisations)) {
    const rows = await db.kysely
      .selectFrom('respondents as r')
      .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
      .innerJoin('submissions as s', (join) =>
        join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
      )
      .select(['r.organisation_id', 'r.external_id', 's.answers'])
      .where('r.round_id', '=', roundId)
      .where(
        'r.organisation_id',
        'in',
        batch.map((o) => o.id),
      )
      .orderBy(codePointOrder(db, 'o.name'))
      .orderBy(codePointOrder(db, 'r.external_id'))
      .execute();

    let i = 0;
    for (const org of batch) {
      const respondents: RespondentData[] = [];
      while (i < rows.length && rows[i]!.organisation_id === org.id) {
        const row = rows[i++]!;
        respondents.push({ id: row.external_id, answers: parseJson<Answers>(row.answers) });
      }
      yield { name: org.name, sector: org.sector as Sector, respondents };
    }
  }
}

function* batchByRespondents<T extends { respondents: number }>(organisations: T[]): Generator<T[]> {
  let batch: T[] = [];
  let size = 0;
  for (const org of organisations) {
    if (
      batch.length > 0 &&
      (size + org.respondents > BATCH_RESPONDENTS || batch.length >= BATCH_ORGANISATIONS)
    ) {
      yield batch;
      batch = [];
      size = 0;
    }
    batch.push(org);
    size += org.respondents;
  }
  if (batch.length > 0) yield batch;
}
