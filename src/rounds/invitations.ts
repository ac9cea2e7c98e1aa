/**
 * Invitations: respondents from a file and links for mail merge (mails are background jobs:
 * invitation-jobs.ts). Every action that hands out links issues fresh tokens (only hashes are
 * stored, so an old link cannot be shown again) and the earlier link of that respondent stops
 * working.
 */
import { stringify } from 'csv-stringify/sync';
import {
  appendAudit,
  createRespondent,
  ensureOrganisation,
  findRespondent,
  issueInvitationToken,
  listInvitees,
  type Db,
  type Invitee,
  type InviteeScope,
  type Round,
} from '../storage/index.ts';
import { fileProblem, type FileProblem } from '../core/exchange/file-problems.ts';
import type { InviteeRow } from './invitee-file.ts';

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
    throw new InviteeConflict([fileProblem(1, undefined, 'roundClosed', { round: round.name })]);
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
        problems.push(
          fileProblem(row.row, 'sector', 'sectorConflict', {
            organisation: row.organisation,
            stored: organisation.sector,
          }),
        );
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
        problems.push(fileProblem(row.row, 'respondent', 'respondentExists', { respondent: row.respondent }));
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
