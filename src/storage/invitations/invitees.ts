/** The respondents of a round as invitations see them: who, where, whether answered, mails sent. */
import type { Db } from '../database.ts';
import { accountsKysely, type MailKind } from '../accounts/schema.ts';
import { codePointOrder } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { inviteesKysely } from './schema.ts';
import { hasCurrentSubmission } from './current-submission.ts';

export interface Invitee {
  readonly respondentId: number;
  readonly organisation: string;
  readonly sector: string;
  readonly externalId: string;
  readonly role: string | null;
  readonly email: string | null;
  readonly hasToken: boolean;
  readonly submitted: boolean;
  readonly mailsSent: number;
}

/** `new`: never given a link; `pending`: no submission yet (reminders); `all`. */
export type InviteeScope = 'new' | 'pending' | 'all';

export async function listInvitees(db: Db, roundId: number, scope: InviteeScope = 'all'): Promise<Invitee[]> {
  const k = accountsKysely(db);
  const rows = await k
    .selectFrom('respondents as r')
    .innerJoin('organisations as o', 'o.id', 'r.organisation_id')
    .select((eb) => [
      'r.id',
      'r.external_id',
      'r.role',
      'r.email',
      'r.token_hash',
      'o.name',
      'o.sector',
      hasCurrentSubmission.as('submitted'),
      eb
        .selectFrom('invitation_mails as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.respondent_id', '=', 'r.id')
        .where('m.outcome', '=', 'sent')
        .as('mails'),
    ])
    .where('r.round_id', '=', roundId)
    .orderBy(codePointOrder(db, 'o.name'))
    .orderBy(codePointOrder(db, 'r.external_id'))
    .execute();
  const invitees = rows.map((r): Invitee => ({
    respondentId: r.id,
    organisation: r.name,
    sector: r.sector,
    externalId: r.external_id,
    role: r.role,
    email: r.email,
    hasToken: r.token_hash !== null,
    // SQLite answers EXISTS with 0/1, PostgreSQL with a boolean.
    submitted: Boolean(r.submitted),
    mailsSent: Number(r.mails ?? 0),
  }));
  if (scope === 'new') return invitees.filter((i) => !i.hasToken);
  if (scope === 'pending') return invitees.filter((i) => !i.submitted);
  return invitees;
}

export async function recordInvitationMail(
  db: Db,
  respondentId: number,
  kind: MailKind,
  outcome: 'sent' | 'failed',
): Promise<void> {
  await accountsKysely(db)
    .insertInto('invitation_mails')
    .values({ respondent_id: respondentId, kind, outcome, at: nowIso() })
    .execute();
}

/**
 * Gives a respondent the invitation token with this hash; every earlier link stops working
 * (the one in `token_hash` and any kept beside it).
 */
export async function setInvitationTokenHash(db: Db, respondentId: number, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.kysely
      .updateTable('respondents')
      .set({ token_hash: tokenHash })
      .where('id', '=', respondentId)
      .execute();
    await dropKeptLinks(tx, respondentId);
  });
}

/**
 * Adds a link with this hash and keeps the respondent's current one working: a reminder or a
 * re-sent invitation must not stop a link someone has bookmarked or half-way used. The first
 * link of a respondent without one becomes their `token_hash`.
 */
export async function addInvitationTokenHash(db: Db, respondentId: number, tokenHash: string): Promise<void> {
  await db.transaction(async (tx) => {
    const first = await tx.kysely
      .updateTable('respondents')
      .set({ token_hash: tokenHash })
      .where('id', '=', respondentId)
      .where('token_hash', 'is', null)
      .executeTakeFirst();
    if (first.numUpdatedRows > 0n) return;
    await inviteesKysely(tx)
      .insertInto('invitation_links')
      .values({ token_hash: tokenHash, respondent_id: respondentId, created_at: nowIso() })
      .execute();
  });
}

/** Stops every link of the respondent; the next re-send or link file gives a new one. */
export async function revokeInvitationLinks(db: Db, respondentId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.kysely
      .updateTable('respondents')
      .set({ token_hash: null })
      .where('id', '=', respondentId)
      .execute();
    await dropKeptLinks(tx, respondentId);
  });
}

export async function dropKeptLinks(db: Db, respondentId: number): Promise<void> {
  await inviteesKysely(db).deleteFrom('invitation_links').where('respondent_id', '=', respondentId).execute();
}
