/**
 * Staff log-in through the organisation's identity provider (OpenID Connect, issue 18):
 * - `users.oidc_issuer` + `oidc_subject`: the provider's stable identifier of the person,
 *   stored on the first successful match (one account per issuer and subject);
 * - `sessions.auth_method`: whether a session began with a password or the provider, so
 *   log-out can offer the provider's end-session page to the latter only;
 * - `oidc_logins`: the state, nonce and PKCE verifier of a log-in under way, keyed by the
 *   hash of a random value in the browser's cookie. Any app instance may receive the
 *   callback, so this lives in the database, never in process memory; a row is taken
 *   (deleted) by the one callback that uses it.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema.alterTable('users').addColumn('oidc_issuer', 'text').execute();
  await db.schema.alterTable('users').addColumn('oidc_subject', 'text').execute();
  // NULLs are distinct in both backends' unique indexes: users without a link do not collide.
  await db.schema
    .createIndex('users_oidc_ix')
    .on('users')
    .columns(['oidc_issuer', 'oidc_subject'])
    .unique()
    .execute();

  await db.schema
    .alterTable('sessions')
    .addColumn('auth_method', 'text', (c) =>
      c
        .notNull()
        .defaultTo('password')
        .check(sql`auth_method in ('password', 'oidc')`),
    )
    .execute();

  await db.schema
    .createTable('oidc_logins')
    .$call(t.id())
    .addColumn('binding_hash', 'text', (c) => c.notNull().unique())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('next', 'text')
    .addColumn('lang', 'text', (c) => c.notNull())
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('expires_at', { notNull: true }))
    .addCheckConstraint('oidc_logins_hash_ck', sql`length(binding_hash) = 64`)
    .execute();
  await db.schema.createIndex('oidc_logins_expires_ix').on('oidc_logins').column('expires_at').execute();
}
