/** One-time links to set a password: only the SHA-256 of the token is stored; each works once. */
import type { Db } from '../database.ts';
import type { Timestamp } from '../schema.ts';
import { accountsKysely, type PasswordTokenPurpose } from './schema.ts';

export interface LivePasswordToken {
  readonly userId: number;
  readonly purpose: PasswordTokenPurpose;
}

export async function insertPasswordToken(
  db: Db,
  input: {
    tokenHash: string;
    userId: number;
    now: Timestamp;
    expiresAt: Timestamp;
    purpose?: PasswordTokenPurpose;
  },
): Promise<void> {
  await accountsKysely(db)
    .insertInto('password_tokens')
    .values({
      token_hash: input.tokenHash,
      user_id: input.userId,
      created_at: input.now,
      expires_at: input.expiresAt,
      purpose: input.purpose ?? 'invite',
    })
    .execute();
}

/** The user a live token belongs to, without using it up (to show the form). */
export async function peekPasswordToken(
  db: Db,
  tokenHash: string,
  now: Timestamp,
): Promise<LivePasswordToken | undefined> {
  const row = await accountsKysely(db)
    .selectFrom('password_tokens')
    .select(['user_id', 'purpose'])
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row ? { userId: row.user_id, purpose: row.purpose } : undefined;
}

/**
 * Uses a token up and returns its user; the conditional update makes a second use (even a
 * concurrent one on another instance) find nothing.
 */
export async function consumePasswordToken(
  db: Db,
  tokenHash: string,
  now: Timestamp,
): Promise<number | undefined> {
  const row = await accountsKysely(db)
    .updateTable('password_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst();
  return row?.user_id;
}

/** Earlier links stop working when a new one is issued or the password is set. */
export async function expireUserPasswordTokens(db: Db, userId: number, now: Timestamp): Promise<void> {
  await accountsKysely(db)
    .updateTable('password_tokens')
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}
