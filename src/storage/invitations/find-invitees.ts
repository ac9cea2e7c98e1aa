/**
 * The invitee list of a round: where each invitee stands, filtered and paged in SQL (a round
 * may have thousands), with the count of every status under the other filters.
 *
 * A status is derived, never stored, so it cannot drift from what happened. The first that
 * holds wins:
 *   submitted    a current submission exists
 *   draft        a draft is saved
 *   opened       the survey was loaded with a valid link
 *   mail_failed  the latest invitation or reminder mail failed
 *   invited      has a link, or was mailed one
 *   not_invited  none of these
 */
import { sql, type Expression, type SqlBool } from 'kysely';
import type { Db } from '../database.ts';
import { inviteesKysely } from './schema.ts';
import { codePointOrder } from '../sql-helpers.ts';
import type { Sector } from '../../core/exchange/types.ts';
import { hasCurrentSubmission } from './current-submission.ts';

export const INVITEE_STATUSES = [
  'not_invited',
  'invited',
  'mail_failed',
  'opened',
  'draft',
  'submitted',
] as const;
export type InviteeStatus = (typeof INVITEE_STATUSES)[number];

export interface InviteeFilter {
  readonly status?: InviteeStatus;
  readonly sector?: Sector;
  /** Part of the organisation's name, any case. */
  readonly organisation?: string;
  /** Part of the e-mail address, any case. */
  readonly email?: string;
}

export interface InviteeRow {
  readonly respondentId: number;
  readonly organisation: string;
  readonly sector: string;
  readonly externalId: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly status: InviteeStatus;
  readonly hasLink: boolean;
  readonly firstOpenedAt: string | null;
  readonly lastOpenedAt: string | null;
  readonly lastMail: { readonly kind: string; readonly outcome: string; readonly at: string } | null;
}

export interface InviteePage {
  readonly invitees: InviteeRow[];
  /** Under the filters other than status, for every status (zeros included). */
  readonly counts: Record<InviteeStatus, number>;
  /** How many match every filter (what the pages page through). */
  readonly total: number;
}

export const INVITEES_PER_PAGE = 50;

/** `%` and `_` typed by a person are letters, not wildcards. */
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

function invitees(db: Db, roundId: number, filter: InviteeFilter) {
  const k = inviteesKysely(db);
  return k
    .selectFrom('respondents as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .leftJoin('invitation_mails as lm', (join) =>
      join.on(sql<SqlBool>`lm.id = (select max(m.id) from invitation_mails m where m.respondent_id = r.id)`),
    )
    .select([
      'r.id',
      'r.external_id',
      'r.role',
      'r.email',
      'r.token_hash',
      'r.first_opened_at',
      'r.last_opened_at',
      'o.name as organisation',
      'o.sector',
      'lm.kind as mail_kind',
      'lm.outcome as mail_outcome',
      'lm.at as mail_at',
      sql<InviteeStatus>`case
        when ${hasCurrentSubmission} then 'submitted'
        when exists (select 1 from drafts d where d.respondent_id = r.id) then 'draft'
        when r.first_opened_at is not null then 'opened'
        when lm.outcome = 'failed' then 'mail_failed'
        when r.token_hash is not null
          or exists (select 1 from invitation_mails sm where sm.respondent_id = r.id and sm.outcome = 'sent')
          then 'invited'
        else 'not_invited' end`.as('status'),
    ])
    .where('r.round_id', '=', roundId)
    .$if(filter.sector !== undefined, (q) => q.where('o.sector', '=', filter.sector!))
    .$if(Boolean(filter.organisation), (q) => q.where(like(sql.ref('o.name'), filter.organisation!)))
    .$if(Boolean(filter.email), (q) => q.where(like(sql.ref('r.email'), filter.email!)));
}

const like = (column: Expression<unknown>, text: string): Expression<SqlBool> =>
  sql<SqlBool>`lower(${column}) like ${likePattern(text)} escape '\\'`;

export async function findInvitees(
  db: Db,
  roundId: number,
  filter: InviteeFilter,
  page = 1,
  perPage = INVITEES_PER_PAGE,
): Promise<InviteePage> {
  const k = inviteesKysely(db);
  const counts = await inviteeCounts(db, roundId, filter);
  const total = filter.status
    ? counts[filter.status]
    : INVITEE_STATUSES.reduce((sum, s) => sum + counts[s], 0);
  const rows = await k
    .selectFrom(invitees(db, roundId, filter).as('x'))
    .selectAll()
    .$if(filter.status !== undefined, (q) => q.where('x.status', '=', filter.status!))
    .orderBy(codePointOrder(db, 'x.organisation'))
    .orderBy(codePointOrder(db, 'x.external_id'))
    .orderBy('x.id')
    .limit(perPage)
    .offset((Math.max(1, page) - 1) * perPage)
    .execute();
  return { invitees: rows.map(toRow), counts, total };
}

/** How many invitees have each status, under the filters other than status. */
export async function inviteeCounts(
  db: Db,
  roundId: number,
  filter: InviteeFilter = {},
): Promise<Record<InviteeStatus, number>> {
  const counted = await inviteesKysely(db)
    .selectFrom(invitees(db, roundId, filter).as('x'))
    .select(['x.status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('x.status')
    .execute();
  const counts = Object.fromEntries(INVITEE_STATUSES.map((s) => [s, 0])) as Record<InviteeStatus, number>;
  for (const c of counted) counts[c.status] = Number(c.n);
  return counts;
}

/** One invitee of the round (undefined when the id is of another round or gone). */
export async function getInvitee(
  db: Db,
  roundId: number,
  respondentId: number,
): Promise<InviteeRow | undefined> {
  const row = await inviteesKysely(db)
    .selectFrom(invitees(db, roundId, {}).as('x'))
    .selectAll()
    .where('x.id', '=', respondentId)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

function toRow(r: {
  id: number;
  external_id: string;
  role: string | null;
  email: string | null;
  token_hash: string | null;
  first_opened_at: string | null;
  last_opened_at: string | null;
  organisation: string;
  sector: string;
  mail_kind: string | null;
  mail_outcome: string | null;
  mail_at: string | null;
  status: InviteeStatus;
}): InviteeRow {
  return {
    respondentId: Number(r.id),
    organisation: r.organisation,
    sector: r.sector,
    externalId: r.external_id,
    role: r.role,
    email: r.email,
    status: r.status,
    hasLink: r.token_hash !== null,
    firstOpenedAt: r.first_opened_at,
    lastOpenedAt: r.last_opened_at,
    lastMail:
      r.mail_kind && r.mail_outcome && r.mail_at
        ? { kind: r.mail_kind, outcome: r.mail_outcome, at: r.mail_at }
        : null,
  };
}
