/**
 * Single sign-on in the database: log-ins under way (state, nonce, PKCE verifier — shared by
 * every app instance, since any of them may receive the provider's callback), and the link
 * between a user and the provider's issuer + subject.
 */
import type { Db } from '../database.ts';
import { toUser } from '../rows.ts';
import type { Timestamp } from '../schema.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import type { User } from '../types.ts';
import { accountsKysely } from './schema.ts';

export interface PendingOidcLogin {
  /** SHA-256 of the random value in the browser's cookie; the value itself is never stored. */
  readonly bindingHash: string;
  readonly state: string;
  readonly nonce: string;
  readonly codeVerifier: string;
  readonly next: string | null;
  readonly lang: string;
  readonly createdAt: Timestamp;
  readonly expiresAt: Timestamp;
}

/** Stores a log-in under way, and drops expired ones (so abandoned log-ins do not pile up). */
export async function insertOidcLogin(db: Db, login: PendingOidcLogin): Promise<void> {
  const k = accountsKysely(db);
  await k.deleteFrom('oidc_logins').where('expires_at', '<', login.createdAt).execute();
  await k
    .insertInto('oidc_logins')
    .values({
      binding_hash: login.bindingHash,
      state: login.state,
      nonce: login.nonce,
      code_verifier: login.codeVerifier,
      next: login.next,
      lang: login.lang,
      created_at: login.createdAt,
      expires_at: login.expiresAt,
    })
    .execute();
}

/**
 * Takes (deletes and returns) the log-in of a cookie: one callback only, whichever instance
 * gets it, so a replayed callback finds nothing. Expiry is the caller's rule.
 */
export async function takeOidcLogin(db: Db, bindingHash: string): Promise<PendingOidcLogin | undefined> {
  const row = await accountsKysely(db)
    .deleteFrom('oidc_logins')
    .where('binding_hash', '=', bindingHash)
    .returningAll()
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    bindingHash: row.binding_hash,
    state: row.state,
    nonce: row.nonce,
    codeVerifier: row.code_verifier,
    next: row.next,
    lang: row.lang,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

export async function findUserByOidcSubject(
  db: Db,
  issuer: string,
  subject: string,
): Promise<User | undefined> {
  const row = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('oidc_issuer', '=', issuer)
    .where('oidc_subject', '=', subject)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

/** The issuer and subject a user is linked to, if any. */
export async function oidcLinkOf(
  db: Db,
  userId: number,
): Promise<{ issuer: string; subject: string } | undefined> {
  const row = await db.kysely
    .selectFrom('users')
    .select(['oidc_issuer', 'oidc_subject'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.oidc_issuer && row.oidc_subject
    ? { issuer: row.oidc_issuer, subject: row.oidc_subject }
    : undefined;
}

/**
 * Links a user to an issuer + subject if the user has no link yet. False when the user was
 * linked meanwhile, or when the subject already belongs to another user.
 */
export async function linkOidcSubject(
  db: Db,
  userId: number,
  issuer: string,
  subject: string,
): Promise<boolean> {
  try {
    const result = await db.kysely
      .updateTable('users')
      .set({ oidc_issuer: issuer, oidc_subject: subject })
      .where('id', '=', userId)
      .where('oidc_subject', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}
