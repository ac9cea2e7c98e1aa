import type { Db } from '../database.ts';
import { AlreadyExistsError, InvalidInputError } from '../errors.ts';
import { toUser } from '../rows.ts';
import { USER_ROLES, type UserRole } from '../schema.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import type { User } from '../types.ts';

export interface UserInput {
  readonly email: string;
  readonly role: UserRole;
  /** Required for `org_lead`. */
  readonly organisationId?: number | null;
  /** Already hashed by the caller (this layer never sees passwords). */
  readonly passwordHash?: string | null;
}

/** Emails compare case-insensitively, so they are stored lower-cased. */
const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function createUser(db: Db, input: UserInput): Promise<User> {
  const email = normaliseEmail(input.email);
  if (!/^[^@\s]+@[^@\s]+$/.test(email)) throw new InvalidInputError('Not an email address');
  if (!USER_ROLES.includes(input.role)) throw new InvalidInputError(`Unknown role ${String(input.role)}`);
  if (input.role === 'org_lead' && input.organisationId == null) {
    throw new InvalidInputError('An org_lead user needs an organisation');
  }
  try {
    const row = await db.kysely
      .insertInto('users')
      .values({
        email,
        role: input.role,
        organisation_id: input.organisationId ?? null,
        password_hash: input.passwordHash ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toUser(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AlreadyExistsError('user', email, { cause: err });
    throw err;
  }
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
  const row = await db.kysely
    .selectFrom('users')
    .selectAll()
    .where('email', '=', normaliseEmail(email))
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function disableUser(db: Db, id: number): Promise<void> {
  await db.kysely
    .updateTable('users')
    .set({ disabled_at: nowIso() })
    .where('id', '=', id)
    .where('disabled_at', 'is', null)
    .execute();
}
