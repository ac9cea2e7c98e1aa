/** Creating staff accounts and setting passwords through one-time links. */
import {
  appendAudit,
  consumePasswordToken,
  createUser,
  expireUserPasswordTokens,
  getOrganisationByName,
  getUserById,
  hashToken,
  InvalidInputError,
  insertPasswordToken,
  newToken,
  peekPasswordToken,
  revokeUserSessions,
  setPasswordHash,
  type Db,
  type User,
  type UserRole,
} from '../storage/index.ts';
import { hashPassword, passwordProblems, type PasswordProblem } from './password.ts';
import { PASSWORD_LINK_MS } from './policy.ts';

export interface AddUserInput {
  readonly email: string;
  readonly role: UserRole;
  /** Required for org_lead: the organisation's name. */
  readonly organisation?: string | null;
}

/** Creates a user without a password and returns a one-time token to set it. */
export async function addUser(
  db: Db,
  input: AddUserInput,
  actor: string,
): Promise<{ user: User; token: string; expiresAt: string }> {
  return db.transaction(async (tx) => {
    let organisationId: number | null = null;
    if (input.organisation) {
      const organisation = await getOrganisationByName(tx, input.organisation);
      if (!organisation) throw new InvalidInputError(`No organisation ${JSON.stringify(input.organisation)}`);
      organisationId = organisation.id;
    }
    const user = await createUser(tx, { email: input.email, role: input.role, organisationId });
    const link = await issuePasswordToken(tx, user.id);
    await appendAudit(tx, {
      actor,
      action: 'user.create',
      subject: `user:${user.email}`,
      details: { role: user.role, organisation: input.organisation ?? null },
    });
    return { user, ...link };
  });
}

/** A new one-time token for the user; earlier ones stop working. */
export async function issuePasswordToken(
  db: Db,
  userId: number,
  now = new Date(),
): Promise<{ token: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_MS).toISOString();
  await db.transaction(async (tx) => {
    await expireUserPasswordTokens(tx, userId, now.toISOString());
    await insertPasswordToken(tx, { tokenHash: hashToken(token), userId, now: now.toISOString(), expiresAt });
  });
  return { token, expiresAt };
}

export type SetPasswordResult =
  | { readonly ok: true; readonly user: User }
  | { readonly ok: false; readonly reason: 'invalid-link' }
  | { readonly ok: false; readonly reason: 'weak'; readonly problems: PasswordProblem[] };

/**
 * Sets the password of the token's user and uses the token up. Every session of the user
 * ends: whoever knew the old password is out.
 */
export async function setPasswordWithToken(
  db: Db,
  token: string,
  password: string,
): Promise<SetPasswordResult> {
  const hash = hashToken(token);
  const now = new Date().toISOString();
  const peekedUserId = await peekPasswordToken(db, hash, now);
  const peeked = peekedUserId === undefined ? undefined : await getUserById(db, peekedUserId);
  if (!peeked || peeked.disabledAt) return { ok: false, reason: 'invalid-link' };
  const problems = passwordProblems(password, peeked.email);
  if (problems.length > 0) return { ok: false, reason: 'weak', problems };
  // Hashing takes a while; do it before the transaction so no lock is held meanwhile.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumePasswordToken(tx, hash, now);
    if (userId === undefined || userId !== peeked.id) return { ok: false, reason: 'invalid-link' } as const;
    await setPasswordHash(tx, userId, passwordHash);
    await revokeUserSessions(tx, userId, now);
    await appendAudit(tx, {
      actor: peeked.email,
      action: 'user.password-set',
      subject: `user:${peeked.email}`,
    });
    return { ok: true, user: peeked } as const;
  });
}
