/** Bearer tokens for staff (admins, analysts) calling the API. Only the SHA-256 of a token is stored. */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('api_tokens')
    .ifNotExists()
    .$call(t.id())
    .$call(t.ref('user_id', 'users', { notNull: true, onDelete: 'cascade' }))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('label', 'text')
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('last_used_at'))
    .$call(t.timestamp('revoked_at'))
    .addCheckConstraint('api_tokens_hash_ck', sql`length(token_hash) = 64`)
    .execute();
  await db.schema
    .createIndex('api_tokens_user_ix')
    .ifNotExists()
    .on('api_tokens')
    .column('user_id')
    .execute();
}
