/** What a release reads of a round's answers: who has a current submission, who is still expected. */
import type { Answers } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { parseJson } from '../json.ts';
import { chunks } from '../sql-helpers.ts';

export interface CurrentSubmission {
  readonly organisationId: number;
  readonly respondentId: number;
  readonly submissionId: number;
}

/**
 * Every respondent's current submission (ids only: no answers are read), or only one
 * organisation's: a report needs its own few, not the round's 500,000 at EU scale.
 */
export async function listCurrentSubmissions(
  db: Db,
  roundId: number,
  organisationId?: number,
): Promise<CurrentSubmission[]> {
  const rows = await db.kysely
    .selectFrom('respondents as r')
    .innerJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select(['r.organisation_id', 'r.id as respondent_id', 's.id as submission_id'])
    .where('r.round_id', '=', roundId)
    .$if(organisationId !== undefined, (q) => q.where('r.organisation_id', '=', organisationId!))
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    respondentId: r.respondent_id,
    submissionId: r.submission_id,
  }));
}

/** Per organisation (or for one), the invited respondents without a current submission. */
export async function countPendingRespondents(
  db: Db,
  roundId: number,
  organisationId?: number,
): Promise<Map<number, number>> {
  const rows = await db.kysely
    .selectFrom('respondents as r')
    .leftJoin('submissions as s', (join) =>
      join.onRef('s.respondent_id', '=', 'r.id').on('s.superseded_at', 'is', null),
    )
    .select(['r.organisation_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('r.round_id', '=', roundId)
    .$if(organisationId !== undefined, (q) => q.where('r.organisation_id', '=', organisationId!))
    .where('s.id', 'is', null)
    .groupBy('r.organisation_id')
    .execute();
  return new Map(rows.map((r) => [r.organisation_id, Number(r.n)]));
}

export interface SubmissionAnswers {
  readonly respondentId: number;
  readonly submissionId: number;
  readonly externalId: string;
  readonly answers: Answers;
}

/** Submissions by id (current or superseded: a version keeps the answers it was made of). */
export async function loadSubmissions(db: Db, ids: readonly number[]): Promise<SubmissionAnswers[]> {
  const out: SubmissionAnswers[] = [];
  for (const batch of chunks([...new Set(ids)], 5_000)) {
    if (batch.length === 0) continue;
    const rows = await db.kysely
      .selectFrom('submissions as s')
      .innerJoin('respondents as r', 'r.id', 's.respondent_id')
      .select(['s.id', 's.respondent_id', 'r.external_id', 's.answers'])
      .where('s.id', 'in', batch)
      .execute();
    for (const r of rows)
      out.push({
        respondentId: r.respondent_id,
        submissionId: r.id,
        externalId: r.external_id,
        answers: parseJson<Answers>(r.answers),
      });
  }
  return out.sort((a, b) => (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0));
}
