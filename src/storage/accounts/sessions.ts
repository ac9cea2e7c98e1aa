/**
 * Staff sessions. The caller passes the SHA-256 of the session id; the id itself never
 * reaches this layer, so neither a database dump nor a query log holds a usable session.
 */
import type { Db } from '../database.ts';
import type { Timestamp, UserRole } from '../schema.ts';
import { accountsKysely, type AuthMethod } from './schema.ts';

export interface StoredSession {
  readonly id: number;
  readonly userId: number;
  readonly email: string;
  readonly role: UserRole;
  readonly organisationId: number | null;
  readonly createdAt: Timestamp;
  readonly lastSeenAt: Timestamp;
  readonly expiresAt: Timestamp;
  readonly authMethod: AuthMethod;
}

export async function insertSession(
  db: Db,
  input: { idHash: string; userId: number; now: Timestamp; expiresAt: Timestamp; authMethod?: AuthMethod },
): Promise<number> {
  const row = await accountsKysely(db)
    .insertInto('sessions')
    .values({
      id_hash: input.idHash,
      user_id: input.userId,
      created_at: input.now,
      last_seen_at: input.now,
      expires_at: input.expiresAt,
      auth_method: input.authMethod ?? 'password',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live session of an enabled user; expiry is the caller's rule, so it gets the times. */
export async function findSessionByHash(db: Db, idHash: string): Promise<StoredSession | undefined> {
  const row = await accountsKysely(db)
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.user_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.auth_method',
      'u.email',
      'u.role',
      'u.organisation_id',
    ])
    .where('s.id_hash', '=', idHash)
    .where('s.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    email: row.email,
    role: row.role,
    organisationId: row.organisation_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    authMethod: row.auth_method,
  };
}

export async function touchSession(db: Db, id: number, now: Timestamp): Promise<void> {
  await accountsKysely(db).updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokeSession(db: Db, id: number, now: Timestamp): Promise<void> {
  await accountsKysely(db)
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** "Log out everywhere"; returns how many sessions ended. */
export async function revokeUserSessions(db: Db, userId: number, now: Timestamp): Promise<number> {
  const result = await accountsKysely(db)
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Ended and expired sessions are kept a while for the audit trail, then dropped. */
export async function deleteSessionsBefore(db: Db, cutoff: Timestamp): Promise<number> {
  const result = await accountsKysely(db)
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', cutoff), eb('revoked_at', '<', cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
