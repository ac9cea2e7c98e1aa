/** Everything held about a respondent, found by e-mail address (a data subject's request). */
import type { Db } from '../database.ts';
import { accountsKysely } from '../accounts/schema.ts';
import { parseJson } from '../json.ts';

export interface RespondentRecord {
  readonly round: string;
  readonly organisation: string;
  readonly sector: string;
  readonly respondent: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly invitedAt: string;
  readonly hasInvitationLink: boolean;
  /** When the survey was first and last loaded with their link. */
  readonly openedAt: { first: string; last: string | null } | null;
  readonly draft: { answers: unknown; revision: number; updatedAt: string } | null;
  readonly submissions: { answers: unknown; submittedAt: string; supersededAt: string | null }[];
  readonly mails: { kind: string; outcome: string; at: string }[];
}

export async function respondentRecords(db: Db, email: string): Promise<RespondentRecord[]> {
  const k = accountsKysely(db);
  const respondents = await k
    .selectFrom('respondents as r')
    .innerJoin('rounds as ro', 'ro.id', 'r.round_id')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select([
      'r.id',
      'r.external_id',
      'r.role',
      'r.email',
      'r.token_hash',
      'r.created_at',
      'r.first_opened_at',
      'r.last_opened_at',
      'ro.name as round',
      'o.name',
      'o.sector',
    ])
    .where((eb) => eb(eb.fn('lower', ['r.email']), '=', email.trim().toLowerCase()))
    .orderBy('r.id')
    .execute();
  const records: RespondentRecord[] = [];
  for (const r of respondents) {
    const [draft, submissions, mails] = await Promise.all([
      k.selectFrom('drafts').selectAll().where('respondent_id', '=', r.id).executeTakeFirst(),
      k.selectFrom('submissions').selectAll().where('respondent_id', '=', r.id).orderBy('id').execute(),
      k.selectFrom('invitation_mails').selectAll().where('respondent_id', '=', r.id).orderBy('id').execute(),
    ]);
    records.push({
      round: r.round,
      organisation: r.name,
      sector: r.sector,
      respondent: r.external_id,
      role: r.role,
      email: r.email,
      invitedAt: r.created_at,
      hasInvitationLink: r.token_hash !== null,
      openedAt: r.first_opened_at ? { first: r.first_opened_at, last: r.last_opened_at } : null,
      draft: draft
        ? { answers: parseJson(draft.answers), revision: draft.revision, updatedAt: draft.updated_at }
        : null,
      submissions: submissions.map((s) => ({
        answers: parseJson(s.answers),
        submittedAt: s.submitted_at,
        supersededAt: s.superseded_at,
      })),
      mails: mails.map((m) => ({ kind: m.kind, outcome: m.outcome, at: m.at })),
    });
  }
  return records;
}
