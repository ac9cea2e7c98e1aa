/**
 * One invitee at a time: correcting the address or role, removing someone who has not
 * submitted, and mailing one invitation again. Every change is audited (without the address:
 * the audit log outlives erased addresses).
 */
import { z } from 'zod';
import {
  appendAudit,
  DuplicateInviteeError,
  getInvitee,
  removeInvitee,
  revokeInvitationLinks,
  SubmittedInviteeError,
  updateInviteeContact,
  type Db,
  type InviteeListRow,
  type Job,
  type Round,
} from '../storage/index.ts';
import { enqueueInvitationMails } from './invitation-jobs.ts';

/** Why a change to an invitee was refused; `reason` picks the page's sentence. */
export class InviteeChangeRefused extends Error {
  constructor(
    readonly reason: 'closed' | 'not-found' | 'email' | 'role' | 'duplicate' | 'submitted' | 'no-email',
    message: string,
  ) {
    super(message);
  }
}

const emailSchema = z.email().max(320);

async function inviteeOf(db: Db, round: Round, respondentId: number): Promise<InviteeListRow> {
  const invitee = await getInvitee(db, round.id, respondentId);
  if (!invitee)
    throw new InviteeChangeRefused('not-found', `No invitee ${respondentId} in round ${round.name}`);
  return invitee;
}

function refuseClosed(round: Round): void {
  if (round.status === 'closed')
    throw new InviteeChangeRefused('closed', `Round ${round.name} is closed; its invitees no longer change`);
}

const subjectOf = (round: Round, invitee: InviteeListRow) =>
  `round:${round.name}/respondent:${invitee.respondentId}`;

export interface InviteeCorrection {
  readonly email: string;
  /** Empty or null: no role given. */
  readonly role: string | null;
  /** Stop the invitee's links now (the next re-send gives a new one), whatever else changes. */
  readonly revokeLinks?: boolean;
  /**
   * The address only had a typo: the links the invitee has keep working. Otherwise a changed
   * address stops them — the usual reason to correct one is that the mail reached the wrong
   * person, who must not go on answering for the organisation.
   */
  readonly keepLinks?: boolean;
}

export async function correctInvitee(
  db: Db,
  round: Round,
  respondentId: number,
  correction: InviteeCorrection,
  roleCodes: readonly string[] | null,
  actor: string,
): Promise<InviteeListRow> {
  refuseClosed(round);
  const email = correction.email.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success)
    throw new InviteeChangeRefused('email', `${email} is not an e-mail address`);
  const given = correction.role?.trim() || null;
  const role =
    given === null
      ? null
      : roleCodes
        ? roleCodes.find((c) => c.toLowerCase() === given.toLowerCase())
        : given;
  if (role === undefined || (role !== null && role.length > 64))
    throw new InviteeChangeRefused('role', `The role must be empty or one of ${roleCodes?.join(', ')}`);
  return db.transaction(async (tx) => {
    const before = await inviteeOf(tx, round, respondentId);
    try {
      await updateInviteeContact(tx, respondentId, { email, role });
    } catch (err) {
      if (err instanceof DuplicateInviteeError) throw new InviteeChangeRefused('duplicate', err.message);
      throw err;
    }
    const revoke =
      correction.revokeLinks === true || (before.email !== email && correction.keepLinks !== true);
    if (revoke) await revokeInvitationLinks(tx, respondentId);
    await appendAudit(tx, {
      actor,
      action: 'invitee.update',
      subject: subjectOf(round, before),
      details: {
        organisation: before.organisation,
        respondent: before.externalId,
        emailChanged: before.email !== email,
        roleChanged: before.role !== role,
        linksRevoked: revoke,
      },
    });
    return inviteeOf(tx, round, respondentId);
  });
}

export async function removeInviteeFromRound(
  db: Db,
  round: Round,
  respondentId: number,
  actor: string,
): Promise<{ draft: boolean }> {
  refuseClosed(round);
  return db.transaction(async (tx) => {
    const invitee = await inviteeOf(tx, round, respondentId);
    if (invitee.status === 'submitted')
      throw new InviteeChangeRefused(
        'submitted',
        'This invitee has submitted; their answers stay in the round',
      );
    let removed: { draft: boolean };
    try {
      removed = await removeInvitee(tx, respondentId);
    } catch (err) {
      if (err instanceof SubmittedInviteeError) throw new InviteeChangeRefused('submitted', err.message);
      throw err;
    }
    await appendAudit(tx, {
      actor,
      action: 'invitee.remove',
      subject: subjectOf(round, invitee),
      details: { organisation: invitee.organisation, respondent: invitee.externalId, draft: removed.draft },
    });
    return removed;
  });
}

/**
 * Queues one invitation mail to this invitee (a job of one item, sent by the worker like every
 * other mail, so a slow or failing mail server never holds the request). The mail carries a
 * fresh link; the earlier ones keep working unless `newLink` asks that only the new one does.
 */
export async function resendInvitation(
  db: Db,
  round: Round,
  respondentId: number,
  options: { newLink: boolean },
  actor: string,
): Promise<Job> {
  refuseClosed(round);
  const invitee = await inviteeOf(db, round, respondentId);
  if (!invitee.email) throw new InviteeChangeRefused('no-email', 'This invitee has no e-mail address');
  const { job } = await enqueueInvitationMails(
    db,
    round,
    { respondentIds: [respondentId] },
    'invitation',
    { keepEarlierLinks: !options.newLink },
    actor,
  );
  await appendAudit(db, {
    actor,
    action: 'invitee.resend',
    subject: subjectOf(round, invitee),
    details: {
      organisation: invitee.organisation,
      respondent: invitee.externalId,
      job: job.id,
      newLink: options.newLink,
    },
  });
  return job;
}
