import type { Db } from '../database.ts';
import { toOrganisation, toRespondent, toRound } from '../rows.ts';
import { hashToken, looksLikeToken } from '../tokens.ts';
import type { Organisation, Respondent, Round } from '../types.ts';
import { inviteesKysely } from '../invitations/schema.ts';

export interface RespondentContext {
  readonly respondent: Respondent;
  readonly round: Round;
  readonly organisation: Organisation;
}

/** Looks a respondent up by the hash of their invitation token. */
export async function findRespondentByToken(db: Db, token: string): Promise<RespondentContext | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const hash = hashToken(token);
  const row =
    (await db.kysely
      .selectFrom('respondents')
      .selectAll()
      .where('token_hash', '=', hash)
      .executeTakeFirst()) ??
    // A link kept beside the current one (see invitations/invitees.ts); looked up only on a miss.
    (await inviteesKysely(db)
      .selectFrom('invitation_links as l')
      .innerJoin('respondents as r', 'r.id', 'l.respondent_id')
      .selectAll('r')
      .where('l.token_hash', '=', hash)
      .executeTakeFirst());
  if (!row) return undefined;
  const [round, organisation] = await Promise.all([
    db.kysely.selectFrom('rounds').selectAll().where('id', '=', row.round_id).executeTakeFirstOrThrow(),
    db.kysely
      .selectFrom('organisations')
      .selectAll()
      .where('id', '=', row.organisation_id)
      .executeTakeFirstOrThrow(),
  ]);
  return { respondent: toRespondent(row), round: toRound(round), organisation: toOrganisation(organisation) };
}
