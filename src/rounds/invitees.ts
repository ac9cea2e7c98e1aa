/**
 * One invitee at a time: correcting the address or role, removing someone who has not
 * submitted, and mailing one invitation again. Every change is audited (without the address:
 * the audit log outlives erased addresses).
 */
import { z } from 'zod';
import {
  addInvitationTokenHash,
  appendAudit,
  DuplicateInviteeError,
  getInvitee,
  hashToken,
  newToken,
  recordInvitationMail,
  removeInvitee,
  revokeInvitationLinks,
  setInvitationTokenHash,
  SubmittedInviteeError,
  updateInviteeContact,
  type Db,
  type InviteeListRow,
  type Round,
} from '../storage/index.ts';
import { surveyLink } from './invitations.ts';
import { invitationMail } from './mail/invitation-text.ts';
import type { SmtpSession } from './mail/smtp.ts';

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
  /** Stop the invitee's links now (the next re-send gives a new one); otherwise they keep working. */
  readonly revokeLinks?: boolean;
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
    if (correction.revokeLinks) await revokeInvitationLinks(tx, respondentId);
    await appendAudit(tx, {
      actor,
      action: 'invitee.update',
      subject: subjectOf(round, before),
      details: {
        organisation: before.organisation,
        respondent: before.externalId,
        emailChanged: before.email !== email,
        roleChanged: before.role !== role,
        linksRevoked: Boolean(correction.revokeLinks),
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
 * Mails one invitee their invitation again, now. With `newLink` every earlier link stops
 * working once the mail is accepted; without it the mail carries a further link and the ones
 * the invitee has keep working. Kept thin so that it can be queued like the round's mailings.
 */
export async function resendInvitation(
  db: Db,
  round: Round,
  respondentId: number,
  options: { smtp: SmtpSession; baseUrl: string; newLink: boolean },
  actor: string,
): Promise<'sent' | 'failed'> {
  refuseClosed(round);
  const invitee = await inviteeOf(db, round, respondentId);
  if (!invitee.email) throw new InviteeChangeRefused('no-email', 'This invitee has no e-mail address');
  const token = newToken();
  let outcome: 'sent' | 'failed' = 'sent';
  try {
    await options.smtp.send(
      invitationMail(round, invitee.email, surveyLink(options.baseUrl, token), 'invitation'),
    );
  } catch {
    outcome = 'failed';
  }
  await db.transaction(async (tx) => {
    // As in sendInvitations: the link is stored only once the server accepted the mail.
    if (outcome === 'sent')
      await (options.newLink ? setInvitationTokenHash : addInvitationTokenHash)(
        tx,
        respondentId,
        hashToken(token),
      );
    await recordInvitationMail(tx, respondentId, 'invitation', outcome);
    await appendAudit(tx, {
      actor,
      action: 'invitee.resend',
      subject: subjectOf(round, invitee),
      details: {
        organisation: invitee.organisation,
        respondent: invitee.externalId,
        outcome,
        newLink: options.newLink,
      },
    });
  });
  return outcome;
}
