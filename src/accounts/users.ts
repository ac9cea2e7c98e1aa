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
  type PasswordTokenPurpose,
  type User,
  type UserRole,
} from '../storage/index.ts';
import { hashPassword, passwordProblems, type PasswordProblem } from './password.ts';
import { INVITE_LINK_MS, RESET_LINK_MS } from './policy.ts';

export interface AddUserInput {
  readonly email: string;
  readonly role: UserRole;
  /** Required for org_lead: the organisation's name. */
  readonly organisation?: string | null;
}

export interface IssuedPasswordLink {
  /** Shown or mailed once; only its hash is stored. */
  readonly token: string;
  readonly expiresAt: string;
}

/** Creates a user without a password and returns a one-time token to set it (the CLI's way in). */
export async function addUser(
  db: Db,
  input: AddUserInput,
  actor: string,
): Promise<{ user: User } & IssuedPasswordLink> {
  return db.transaction(async (tx) => {
    let organisationId: number | null = null;
    if (input.organisation) {
      const organisation = await getOrganisationByName(tx, input.organisation);
      if (!organisation) throw new InvalidInputError(`No organisation ${JSON.stringify(input.organisation)}`);
      organisationId = organisation.id;
    }
    return inviteUser(tx, { email: input.email, role: input.role, organisationId }, actor, 'user.create');
  });
}

/** The users page's invitation: a user without a password, and a link to set one. */
export async function inviteUser(
  db: Db,
  input: { email: string; role: UserRole; organisationId: number | null },
  actor: string,
  action = 'user.invite',
): Promise<{ user: User } & IssuedPasswordLink> {
  return db.transaction(async (tx) => {
    const user = await createUser(tx, input);
    const link = await issuePasswordToken(tx, user.id, 'invite');
    await appendAudit(tx, {
      actor,
      action,
      subject: `user:${user.email}`,
      details: { role: user.role, organisationId: user.organisationId },
    });
    return { user, ...link };
  });
}

/** A new one-time token for the user; earlier ones stop working. */
export async function issuePasswordToken(
  db: Db,
  userId: number,
  purpose: PasswordTokenPurpose = 'invite',
  now = new Date(),
): Promise<IssuedPasswordLink> {
  const token = newToken();
  const lifetime = purpose === 'invite' ? INVITE_LINK_MS : RESET_LINK_MS;
  const expiresAt = new Date(now.getTime() + lifetime).toISOString();
  await db.transaction(async (tx) => {
    await expireUserPasswordTokens(tx, userId, now.toISOString());
    await insertPasswordToken(tx, {
      tokenHash: hashToken(token),
      userId,
      now: now.toISOString(),
      expiresAt,
      purpose,
    });
  });
  return { token, expiresAt };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What a set-password link is for, while it works (the page's wording depends on it). */
export async function passwordLinkPurpose(
  db: Db,
  token: string,
  now = new Date(),
): Promise<PasswordTokenPurpose | undefined> {
  if (!TOKEN_SHAPE.test(token)) return undefined;
  const live = await peekPasswordToken(db, hashToken(token), now.toISOString());
  if (!live) return undefined;
  const user = await getUserById(db, live.userId);
  return user && !user.disabledAt ? live.purpose : undefined;
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
  if (!TOKEN_SHAPE.test(token)) return { ok: false, reason: 'invalid-link' };
  const hash = hashToken(token);
  const now = new Date().toISOString();
  const peekedToken = await peekPasswordToken(db, hash, now);
  const peeked = peekedToken === undefined ? undefined : await getUserById(db, peekedToken.userId);
  if (!peekedToken || !peeked || peeked.disabledAt) return { ok: false, reason: 'invalid-link' };
  const problems = passwordProblems(password, peeked.email);
  if (problems.length > 0) return { ok: false, reason: 'weak', problems };
  // Hashing takes a while; do it before the transaction so no lock is held meanwhile.
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumePasswordToken(tx, hash, now);
    if (userId === undefined || userId !== peeked.id) return { ok: false, reason: 'invalid-link' } as const;
    // A user disabled between the peek and now must not get a password.
    const current = await getUserById(tx, userId);
    if (!current || current.disabledAt) return { ok: false, reason: 'invalid-link' } as const;
    await setPasswordHash(tx, userId, passwordHash);
    await expireUserPasswordTokens(tx, userId, now);
    await revokeUserSessions(tx, userId, now);
    await appendAudit(tx, {
      actor: peeked.email,
      action: peekedToken.purpose === 'reset' ? 'user.password-reset' : 'user.password-set',
      subject: `user:${peeked.email}`,
    });
    return { ok: true, user: peeked } as const;
  });
}
