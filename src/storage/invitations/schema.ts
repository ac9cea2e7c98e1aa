/** The table of migration 0011 as Kysely sees it, beside the storage and accounts schemas. */
import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { AccountsSchema } from '../accounts/schema.ts';
import type { Timestamp } from '../schema.ts';

/** Links of a respondent besides `respondents.token_hash` (a re-send that kept the old link). */
export interface InvitationLinksTable {
  token_hash: string;
  respondent_id: number;
  created_at: Timestamp;
}

export interface InviteesSchema extends AccountsSchema {
  invitation_links: InvitationLinksTable;
}

/** The same connection, typed with these tables too. */
export const inviteesKysely = (db: Db): Kysely<InviteesSchema> =>
  db.kysely as unknown as Kysely<InviteesSchema>;
