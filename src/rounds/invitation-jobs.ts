/**
 * Invitation and reminder mails as background jobs: one item per recipient, sent by whichever
 * app instance's worker holds the job (src/rounds/jobs/worker.ts).
 *
 * Exactly once, as far as SMTP allows: an item is claimed (pending → working) in its own
 * transaction before its mail goes out, and marked done in the transaction that makes its
 * link live and logs the mail, after the server accepted it. A worker that dies between
 * sending and recording leaves the item `working`; whoever takes the job over marks it
 * `unknown` and does not send it again (the server may have accepted it: at most once), makes
 * its link live (so a mail that did arrive works), and the job page lists it.
 *
 * Links: an invitation carries a fresh link (the earlier one, if any, stops working once the
 * mail was accepted; a re-send to one invitee may keep the earlier ones working beside it). A reminder points to the link of the invitation mail and says when that
 * was sent, so earlier links keep working; only with `newLink` (or for someone who never had a
 * link) does it carry a fresh one.
 */
import {
  addInvitationTokenHash,
  appendAudit,
  enqueueJob,
  getMailRecipient,
  getRoundById,
  hashToken,
  jobCounts,
  listInvitees,
  newToken,
  recordInvitationMail,
  setInvitationTokenHash,
  setJobItemToken,
  type Db,
  type Job,
  type JobItem,
  type MailKind,
  type Round,
} from '../storage/index.ts';
import { surveyLink } from './invitations.ts';
import { invitationMail } from './mail/invitation-text.ts';
import { MailError, mailTransportFromEnv } from './mail/transport.ts';
import { configuredPublicUrl } from './public-url.ts';
import type { ItemResult, JobHandler } from './jobs/worker.ts';

export const MAIL_JOB = 'mail';

export type MailTarget =
  { readonly scope: 'new' | 'pending' } | { readonly respondentIds: readonly number[] };

export interface MailOptions {
  /** Reminders only: a fresh link, and the earlier link stops working. */
  readonly newLink?: boolean;
  /**
   * Invitations only: the fresh link is added and every earlier link keeps working (a re-send
   * to someone who may be half-way through the survey). Otherwise the fresh link replaces them.
   */
  readonly keepEarlierLinks?: boolean;
}

interface MailParams {
  readonly kind: MailKind;
  readonly newLink: boolean;
  /** The fresh link is added beside the ones that work (absent in jobs queued before it existed). */
  readonly keepEarlier?: boolean;
  readonly scope: 'new' | 'pending' | 'chosen';
  /** In scope but without an e-mail address (erased, or never given). */
  readonly skipped: number;
}

/** What a mail job does to links, as part of its dedupe key. */
const linkMode = (params: MailParams) =>
  `${params.kind}${params.newLink ? '+new' : ''}${params.keepEarlier ? '+keep' : ''}`;

export interface EnqueuedMails {
  readonly job: Job;
  /** False when the same mails were already queued: this is that job. */
  readonly created: boolean;
}

/**
 * Queues the mails of `kind` to the respondents in `target` who have an address. While a
 * round-wide mail job of the round is pending, asking again returns it (two clicks, or two
 * staff on two instances, never send twice). Callers refuse a closed round first (its links
 * do not work); a job whose round closes meanwhile skips its remaining mails.
 */
export async function enqueueInvitationMails(
  db: Db,
  round: Round,
  target: MailTarget,
  kind: MailKind,
  options: MailOptions,
  actor: string,
): Promise<EnqueuedMails> {
  const scope = 'scope' in target ? target.scope : null;
  const chosen = 'respondentIds' in target ? new Set(target.respondentIds) : null;
  const invitees = scope
    ? await listInvitees(db, round.id, scope)
    : (await listInvitees(db, round.id, 'all')).filter((i) => chosen?.has(i.respondentId));
  const withAddress = invitees.filter((i) => i.email);
  const params: MailParams = {
    kind,
    newLink: kind === 'reminder' && options.newLink === true,
    keepEarlier: kind === 'invitation' && options.keepEarlierLinks === true,
    scope: scope ?? 'chosen',
    skipped: invitees.length - withAddress.length,
  };
  const result = await enqueueJob(db, {
    kind: MAIL_JOB,
    roundId: round.id,
    params,
    actor,
    // Mails to chosen invitees are the same request only with the same links: a re-send that
    // asks for a new link while one keeping the links waits is queued after it, not lost in it.
    dedupeKey: scope
      ? `mail:${round.id}`
      : `mail:${round.id}:${[...(chosen ?? [])].sort((a, b) => a - b).join(',')}:${linkMode(params)}`,
    subjects: withAddress.map((i) => String(i.respondentId)),
  });
  if (result.created)
    await appendAudit(db, {
      actor,
      action: `job.${kind}`,
      subject: `round:${round.name}`,
      details: { job: result.job.id, mails: withAddress.length, ...params },
    });
  return result;
}

export const mailParams = (job: Job) => job.params as MailParams;

/** The mail's link starts to work: beside the earlier ones, or instead of them. */
const makeLinkLive = (db: Db, params: MailParams, respondentId: number, tokenHash: string) =>
  (params.keepEarlier ? addInvitationTokenHash : setInvitationTokenHash)(db, respondentId, tokenHash);

const mailKind = (params: MailParams): MailKind => params.kind;

async function itemResult(
  db: Db,
  round: Round,
  params: MailParams,
  item: JobItem,
  workerId: string,
  send: (mail: ReturnType<typeof invitationMail>) => Promise<void>,
  baseUrl: string,
): Promise<ItemResult> {
  const respondentId = Number(item.subject);
  const recipient = await getMailRecipient(db, respondentId);
  if (!recipient || recipient.roundId !== round.id) return { state: 'skipped', error: 'respondent-removed' };
  if (!recipient.email) return { state: 'skipped', error: 'no-address' };
  const kind = mailKind(params);
  if (kind === 'reminder' && recipient.submitted) return { state: 'skipped', error: 'answered' };
  const fresh = kind === 'invitation' || params.newLink || !recipient.hasToken;
  const token = fresh ? newToken() : null;
  // Kept with the item before sending: a worker that dies after the server accepted the mail
  // leaves the link it carried, which whoever takes over makes live.
  if (token) await setJobItemToken(db, item.id, workerId, hashToken(token));
  const mail = invitationMail(
    round,
    recipient.email,
    token ? surveyLink(baseUrl, token) : null,
    kind,
    recipient.invitedAt,
  );
  const live = async (tx: Db) => {
    if (token) await makeLinkLive(tx, params, respondentId, hashToken(token));
  };
  try {
    await send(mail);
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    if (err.reason === 'unreachable') return { state: 'retry', error: err.message };
    if (err.reason === 'uncertain') return { state: 'unknown', error: err.message, apply: live };
    // Refused: the earlier link (if any) keeps working.
    return {
      state: 'failed',
      error: err.message,
      apply: (tx) => recordInvitationMail(tx, respondentId, kind, 'failed'),
    };
  }
  return {
    state: 'done',
    apply: async (tx) => {
      await live(tx);
      await recordInvitationMail(tx, respondentId, kind, 'sent');
    },
  };
}

export const mailJobHandler: JobHandler = {
  kind: MAIL_JOB,
  abandoned: 'unknown',
  async open(db, job, workerId) {
    const round = job.roundId === null ? undefined : await getRoundById(db, job.roundId);
    if (!round) throw new Error(`job ${job.id}: its round is gone`);
    const params = mailParams(job);
    const transport = mailTransportFromEnv();
    const baseUrl = configuredPublicUrl();
    return {
      async item(item) {
        // Closed after the job was queued: its links would not work any more.
        if (round.status === 'closed') return { state: 'skipped', error: 'round-closed' };
        if (!transport) return { state: 'retry', error: 'mail is not set up (SMTP_URL, SMTP_FROM)' };
        if (baseUrl === null) return { state: 'retry', error: 'PEJLING_PUBLIC_URL is not set' };
        return itemResult(db, round, params, item, workerId, (m) => transport.send(m), baseUrl);
      },
      async finish() {
        const counts = await jobCounts(db, job.id);
        await appendAudit(db, {
          actor: job.actor,
          action: `invitation.${params.kind}`,
          subject: `round:${round.name}`,
          details: {
            job: job.id,
            sent: counts.done,
            failed: counts.failed,
            unknown: counts.unknown,
            skipped: params.skipped + counts.skipped,
          },
        });
      },
      close: async () => transport?.close(),
    };
  },
  async onUnknown(db, job, items) {
    for (const item of items)
      if (item.tokenHash) await makeLinkLive(db, mailParams(job), Number(item.subject), item.tokenHash);
  },
};
