/** Inviting a respondent: the organisation is created on first use, the token shown once. */
import {
  appendAudit,
  ensureOrganisation,
  inviteRespondent,
  requireRoundByName,
  type Db,
  type Respondent,
} from '../../storage/index.ts';
import type { Sector } from '../../core/exchange/types.ts';
import { conflict } from '../problem.ts';

export interface InvitationInput {
  readonly organisation: string;
  readonly sector: Sector;
  readonly respondent?: string;
  readonly role?: string | null;
  readonly email?: string | null;
}

export async function inviteToRound(
  db: Db,
  roundName: string,
  input: InvitationInput,
  actor: string,
): Promise<{ respondent: Respondent; organisation: string; token: string }> {
  return db.transaction(async (tx) => {
    const round = await requireRoundByName(tx, roundName);
    if (round.status === 'closed') throw conflict('round-closed', `Round ${roundName} is closed.`);
    const organisation = await ensureOrganisation(tx, { name: input.organisation, sector: input.sector });
    if (organisation.sector !== input.sector) {
      // Organisations are shared by every round; the sector is part of their history.
      throw conflict(
        'conflict',
        `Organisation ${JSON.stringify(organisation.name)} has sector ${organisation.sector}, not ${input.sector}.`,
      );
    }
    const { respondent, token } = await inviteRespondent(tx, {
      roundId: round.id,
      organisationId: organisation.id,
      ...(input.respondent !== undefined ? { externalId: input.respondent } : {}),
      role: input.role ?? null,
      email: input.email ?? null,
    });
    await appendAudit(tx, {
      actor,
      action: 'respondent.invite',
      subject: `round:${roundName}`,
      details: { organisation: organisation.name, respondent: respondent.externalId },
    });
    return { respondent, organisation: organisation.name, token };
  });
}
