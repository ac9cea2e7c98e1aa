/**
 * Invitations: respondents from a file, links for mail merge, and mails with links. Every
 * action that hands out links issues fresh tokens (only hashes are stored, so an old link
 * cannot be shown again) and the earlier link of that respondent stops working.
 */
import { stringify } from 'csv-stringify/sync';
import {
  appendAudit,
  createRespondent,
  ensureOrganisation,
  findRespondent,
  hashToken,
  issueInvitationToken,
  listInvitees,
  newToken,
  recordInvitationMail,
  setInvitationTokenHash,
  type Db,
  type Invitee,
  type InviteeScope,
  type Round,
} from '../storage/index.ts';
import type { FileProblem, InviteeRow } from './invitee-file.ts';
import { invitationMail } from './mail/invitation-text.ts';
import type { SmtpSession } from './mail/smtp.ts';

export interface AddInviteesResult {
  readonly added: number;
  readonly unchanged: number;
}

export class InviteeConflict extends Error {
  constructor(readonly problems: FileProblem[]) {
    super(`${problems.length} row(s) contradict what is stored`);
  }
}

/**
 * Adds the file's respondents to the round, all or nothing. Rows already there (same
 * organisation and e-mail, or same respondent id) are left as they are, so a corrected file
 * can be uploaded again.
 */
/**
 * Writes the file's organisation attributes in the upload's transaction (validated against the
 * round's instrument by the caller's service); problems undo the whole upload.
 */
export type InviteeAttributesWriter = (
  tx: Db,
  organisations: readonly {
    readonly organisationId: number;
    readonly sector: string;
    readonly row: number;
    readonly cells: Readonly<Record<string, string>>;
  }[],
) => Promise<FileProblem[]>;

export async function addInvitees(
  db: Db,
  round: Round,
  rows: readonly InviteeRow[],
  actor: string,
  writeAttributes?: InviteeAttributesWriter,
): Promise<AddInviteesResult> {
  if (round.status === 'closed')
    throw new InviteeConflict([{ row: 1, message: `round ${round.name} is closed` }]);
  return db.transaction(async (tx) => {
    const existing = await listInvitees(tx, round.id);
    const known = new Set(existing.map((i) => `${i.organisation}\u0000${i.email ?? ''}`));
    const problems: FileProblem[] = [];
    let added = 0;
    let unchanged = 0;
    const attributes = new Map<
      number,
      { organisationId: number; sector: string; row: number; cells: Record<string, string> }
    >();
    for (const row of rows) {
      const organisation = await ensureOrganisation(tx, { name: row.organisation, sector: row.sector });
      if (row.attributes) {
        const a = attributes.get(organisation.id);
        // The file gives one value per organisation (checked when read): the non-empty one.
        const cells = Object.fromEntries(
          Object.entries(row.attributes).map(([k, v]) => [k, v === '' ? (a?.cells[k] ?? '') : v]),
        );
        attributes.set(organisation.id, {
          organisationId: organisation.id,
          sector: organisation.sector,
          row: a?.row ?? row.row,
          cells,
        });
      }
      if (organisation.sector !== row.sector) {
        problems.push({
          row: row.row,
          column: 'sector',
          message: `${row.organisation} is stored with sector ${organisation.sector}`,
        });
        continue;
      }
      if (known.has(`${organisation.name}\u0000${row.email}`)) {
        unchanged++;
        continue;
      }
      if (
        row.respondent &&
        (await findRespondent(tx, {
          roundId: round.id,
          organisationId: organisation.id,
          externalId: row.respondent,
        }))
      ) {
        problems.push({
          row: row.row,
          column: 'respondent',
          message: `respondent ${row.respondent} already exists with another e-mail`,
        });
        continue;
      }
      await createRespondent(tx, {
        roundId: round.id,
        organisationId: organisation.id,
        ...(row.respondent ? { externalId: row.respondent } : {}),
        role: row.role,
        email: row.email,
      });
      added++;
    }
    if (writeAttributes && attributes.size > 0 && problems.length === 0)
      problems.push(...(await writeAttributes(tx, [...attributes.values()])));
    if (problems.length > 0) throw new InviteeConflict(problems);
    await appendAudit(tx, {
      actor,
      action: 'invitation.upload',
      subject: `round:${round.name}`,
      details: { added, unchanged },
    });
    return { added, unchanged };
  });
}

export const surveyLink = (baseUrl: string, token: string) => `${baseUrl.replace(/\/+$/, '')}/s/${token}`;

export interface IssuedLink {
  readonly invitee: Invitee;
  readonly link: string;
}

/** Fresh links for the respondents in scope, as rows for a mail merge. */
export async function issueLinks(
  db: Db,
  round: Round,
  scope: InviteeScope,
  baseUrl: string,
  actor: string,
): Promise<IssuedLink[]> {
  return db.transaction(async (tx) => {
    const invitees = await listInvitees(tx, round.id, scope);
    const links: IssuedLink[] = [];
    for (const invitee of invitees) {
      const token = await issueInvitationToken(tx, invitee.respondentId);
      links.push({ invitee, link: surveyLink(baseUrl, token) });
    }
    await appendAudit(tx, {
      actor,
      action: 'invitation.links',
      subject: `round:${round.name}`,
      details: { scope, links: links.length },
    });
    return links;
  });
}

export function linksCsv(links: readonly IssuedLink[]): string {
  const rows = links.map(({ invitee: i, link }) => [
    i.organisation,
    i.sector,
    i.role ?? '',
    i.email ?? '',
    i.externalId,
    link,
  ]);
  // A leading apostrophe keeps a spreadsheet from running a cell as a formula.
  const safe = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
  return stringify([['organisation', 'sector', 'role', 'email', 'respondent', 'link'], ...safe], {
    record_delimiter: '\n',
  });
}

export interface SendResult {
  readonly sent: number;
  readonly failed: number;
  /** In scope but without an e-mail address (erased, or never given). */
  readonly skipped: number;
}

/**
 * Mails a link to everyone in scope with an address: `new` are invitations, `pending` are
 * reminders. The token is stored only after the server accepted the mail, so a failed mail
 * leaves the respondent's earlier link working.
 */
export async function sendInvitations(
  db: Db,
  round: Round,
  scope: 'new' | 'pending',
  smtp: SmtpSession,
  baseUrl: string,
  actor: string,
): Promise<SendResult> {
  const kind = scope === 'new' ? 'invitation' : 'reminder';
  const invitees = await listInvitees(db, round.id, scope);
  let sent = 0;
  let failed = 0;
  let skipped = 0;
  for (const invitee of invitees) {
    if (!invitee.email) {
      skipped++;
      continue;
    }
    const token = newToken();
    try {
      await smtp.send(invitationMail(round, invitee.email, surveyLink(baseUrl, token), kind));
      await setInvitationTokenHash(db, invitee.respondentId, hashToken(token));
      await recordInvitationMail(db, invitee.respondentId, kind, 'sent');
      sent++;
    } catch {
      await recordInvitationMail(db, invitee.respondentId, kind, 'failed');
      failed++;
    }
  }
  await appendAudit(db, {
    actor,
    action: `invitation.${kind}`,
    subject: `round:${round.name}`,
    details: { sent, failed, skipped },
  });
  return { sent, failed, skipped };
}
