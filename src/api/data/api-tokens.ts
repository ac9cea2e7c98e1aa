/**
 * Staff API tokens: shown once at creation, stored only as SHA-256 (the token has full
 * entropy, so an unsalted hash is enough). A prefix makes leaked tokens easy to recognise in
 * code scans and tells them apart from respondent invitation tokens.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  createUser,
  findUserByEmail,
  hashToken,
  InvalidInputError,
  newToken,
  type Db,
  type User,
  type UserRole,
} from '../../storage/index.ts';
import { apiKysely } from './schema.ts';

export const API_TOKEN_PREFIX = 'pjl_';
const API_TOKEN = /^pjl_[A-Za-z0-9_-]{43}$/;
/** Writing last_used_at on every request would turn reads into writes; once a minute is enough. */
const TOUCH_INTERVAL_MS = 60_000;

export interface StaffIdentity {
  readonly userId: number;
  readonly email: string;
  readonly role: UserRole;
  readonly tokenId: number;
}

export interface CreatedApiToken {
  readonly token: string;
  readonly tokenId: number;
  readonly user: User;
  readonly userCreated: boolean;
}

export async function createApiToken(
  db: Db,
  input: { email: string; role: UserRole; label?: string | null },
): Promise<CreatedApiToken> {
  return db.transaction(async (tx) => {
    let user = await findUserByEmail(tx, input.email);
    const userCreated = !user;
    if (!user) user = await createUser(tx, { email: input.email, role: input.role });
    else if (user.disabledAt) throw new InvalidInputError(`User ${user.email} is disabled`);
    else if (user.role !== input.role) {
      // A token always acts with its user's role; silently handing out another would mislead.
      throw new InvalidInputError(`User ${user.email} exists with role ${user.role}, not ${input.role}`);
    }
    const token = API_TOKEN_PREFIX + newToken();
    const row = await apiKysely(tx)
      .insertInto('api_tokens')
      .values({
        user_id: user.id,
        token_hash: hashToken(token),
        label: input.label ?? null,
        created_at: new Date().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { token, tokenId: row.id, user, userCreated };
  });
}

export async function findStaffByApiToken(db: Db, token: string): Promise<StaffIdentity | undefined> {
  if (!API_TOKEN.test(token)) return undefined;
  const hash = hashToken(token);
  const row = await apiKysely(db)
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id', 't.token_hash', 't.last_used_at', 'u.id as user_id', 'u.email', 'u.role'])
    .where('t.token_hash', '=', hash)
    .where('t.revoked_at', 'is', null)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  // The index lookup already matched; comparing again in constant time costs nothing and does
  // not depend on how the database compares strings.
  if (!row || !timingSafeEqual(Buffer.from(row.token_hash), Buffer.from(hash))) return undefined;
  const now = new Date();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) > TOUCH_INTERVAL_MS) {
    await apiKysely(db)
      .updateTable('api_tokens')
      .set({ last_used_at: now.toISOString() })
      .where('id', '=', row.id)
      .execute();
  }
  return { userId: row.user_id, email: row.email, role: row.role, tokenId: row.id };
}

export async function revokeApiToken(db: Db, tokenId: number): Promise<boolean> {
  const result = await apiKysely(db)
    .updateTable('api_tokens')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}
