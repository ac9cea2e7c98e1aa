import type { Db } from '../database.ts';
import { toOrganisation, toRespondent, toRound } from '../rows.ts';
import { hashToken, looksLikeToken } from '../tokens.ts';
import type { Organisation, Respondent, Round } from '../types.ts';

export interface RespondentContext {
  readonly respondent: Respondent;
  readonly round: Round;
  readonly organisation: Organisation;
}

/** Looks a respondent up by the hash of their invitation token. */
export async function findRespondentByToken(db: Db, token: string): Promise<RespondentContext | undefined> {
  if (!looksLikeToken(token)) return undefined;
  const row = await db.kysely
    .selectFrom('respondents')
    .selectAll()
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
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
