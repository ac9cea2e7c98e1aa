import { randomBytes } from 'node:crypto';
import type { Db } from '../database.ts';
import { AlreadyExistsError, InvalidInputError, NotFoundError } from '../errors.ts';
import { toRespondent } from '../rows.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { hashToken, newToken } from '../tokens.ts';
import type { Respondent } from '../types.ts';
import { dropKeptLinks } from '../invitations/invitees.ts';

export interface RespondentInput {
  readonly roundId: number;
  readonly organisationId: number;
  /** The exchange format's `respondent` id; a random one when not given. */
  readonly externalId?: string;
  readonly role?: string | null;
  readonly email?: string | null;
}

export async function createRespondent(db: Db, input: RespondentInput): Promise<Respondent> {
  const externalId = input.externalId ?? `r-${randomBytes(6).toString('hex')}`;
  if (externalId.trim() === '') throw new InvalidInputError('A respondent id must not be empty');
  try {
    const row = await db.kysely
      .insertInto('respondents')
      .values({
        round_id: input.roundId,
        organisation_id: input.organisationId,
        external_id: externalId,
        role: input.role ?? null,
        email: input.email ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRespondent(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AlreadyExistsError('respondent', externalId, { cause: err });
    throw err;
  }
}

/**
 * Gives the respondent a new invitation token and returns it; it cannot be recovered later.
 * Any earlier token stops working.
 */
export async function issueInvitationToken(db: Db, respondentId: number): Promise<string> {
  const token = newToken();
  return db.transaction(async (tx) => {
    const updated = await tx.kysely
      .updateTable('respondents')
      .set({ token_hash: hashToken(token) })
      .where('id', '=', respondentId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError('respondent', String(respondentId));
    await dropKeptLinks(tx, respondentId);
    return token;
  });
}

/** Creates a respondent with an invitation token, atomically. */
export async function inviteRespondent(
  db: Db,
  input: RespondentInput,
): Promise<{ respondent: Respondent; token: string }> {
  return db.transaction(async (tx) => {
    const respondent = await createRespondent(tx, input);
    const token = await issueInvitationToken(tx, respondent.id);
    return { respondent: { ...respondent, hasToken: true }, token };
  });
}
