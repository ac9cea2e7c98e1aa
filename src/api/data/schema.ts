/** The storage schema plus the API's own tables, as Kysely sees them. */
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../../storage/index.ts';
import type { Schema } from '../../storage/schema.ts';

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  token_hash: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ApiSchema extends Schema {
  api_tokens: ApiTokensTable;
}

/** The same connection, typed with the API's tables too. */
export const apiKysely = (db: Db): Kysely<ApiSchema> => db.kysely as unknown as Kysely<ApiSchema>;
