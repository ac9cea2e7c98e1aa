/** Changes the users page makes to an account (creating and disabling live in users.ts). */
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import { InvalidInputError } from '../errors.ts';
import { USER_ROLES, type Timestamp, type UserRole } from '../schema.ts';

/** A new role, and the organisation a lead belongs to (cleared for other roles). */
export async function updateUserAccess(
  db: Db,
  id: number,
  input: { role: UserRole; organisationId: number | null },
): Promise<void> {
  if (!USER_ROLES.includes(input.role)) throw new InvalidInputError(`Unknown role ${String(input.role)}`);
  if (input.role === 'org_lead' && input.organisationId === null)
    throw new InvalidInputError('An org_lead user needs an organisation');
  await db.kysely
    .updateTable('users')
    .set({ role: input.role, organisation_id: input.role === 'org_lead' ? input.organisationId : null })
    .where('id', '=', id)
    .execute();
}

/**
 * A disabled user invited again: enabled, but without a password, so the old one (which may be
 * why they were disabled) never works again; the invitation link sets a new one.
 */
export async function reenableUser(db: Db, id: number): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ disabled_at: null, password_hash: null })
    .where('id', '=', id)
    .where('disabled_at', 'is not', null)
    .execute();
}

/**
 * A disabled user's API tokens end too: they stop working while the user is disabled anyway,
 * but would come back to life if the account were invited again.
 */
export async function revokeUserApiTokens(db: Db, id: number, at: Timestamp): Promise<number> {
  const result =
    await sql`update api_tokens set revoked_at = ${at} where user_id = ${id} and revoked_at is null`.execute(
      db.kysely,
    );
  return Number(result.numAffectedRows ?? 0);
}

export async function recordLogin(db: Db, id: number, at: Timestamp): Promise<void> {
  await db.kysely.updateTable('users').set({ last_login_at: at }).where('id', '=', id).execute();
}

/** Administrators who are not disabled (the last one may not be disabled or demoted). */
export async function countActiveAdmins(db: Db): Promise<number> {
  const row = await db.kysely
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
