/**
 * What an administrator does to accounts on the users page: change a role or organisation,
 * disable (every session ends at once), invite again. The rules that keep the installation
 * manageable — nobody locks themselves out, there is always an active administrator — are
 * checked here, inside the change's transaction, so the CLI and the page cannot differ.
 */
import {
  appendAudit,
  countActiveAdmins,
  disableUser as storeDisabled,
  expireUserPasswordTokens,
  getUserById,
  reenableUser,
  revokeUserApiTokens,
  revokeUserSessions,
  updateUserAccess,
  type Db,
  type User,
  type UserRole,
} from '../storage/index.ts';
import { issuePasswordToken, type IssuedPasswordLink } from './users.ts';

export type UserStatus = 'active' | 'invited' | 'disabled';

export const userStatus = (user: User): UserStatus =>
  user.disabledAt ? 'disabled' : user.passwordHash ? 'active' : 'invited';

/** Why a change was refused; the page says it in its language. */
export type AdminRefusal = 'not-found' | 'self' | 'last-admin' | 'needs-organisation';

export type AdminResult<T = object> =
  ({ readonly ok: true; readonly user: User } & T) | { readonly ok: false; readonly reason: AdminRefusal };

export interface Actor {
  readonly userId: number;
  readonly email: string;
}

/** Whether taking `user` out of the active administrators would leave none. */
async function isLastAdmin(db: Db, user: User): Promise<boolean> {
  return user.role === 'admin' && !user.disabledAt && (await countActiveAdmins(db)) <= 1;
}

export async function changeUserAccess(
  db: Db,
  userId: number,
  input: { role: UserRole; organisationId: number | null },
  actor: Actor,
): Promise<AdminResult> {
  return db.transaction(async (tx) => {
    const user = await getUserById(tx, userId);
    if (!user) return { ok: false, reason: 'not-found' } as const;
    if (input.role === 'org_lead' && input.organisationId === null)
      return { ok: false, reason: 'needs-organisation' } as const;
    const organisationId = input.role === 'org_lead' ? input.organisationId : null;
    if (user.role === input.role && user.organisationId === organisationId)
      return { ok: true, user } as const;
    if (user.id === actor.userId) return { ok: false, reason: 'self' } as const;
    if (input.role !== 'admin' && (await isLastAdmin(tx, user)))
      return { ok: false, reason: 'last-admin' } as const;
    await updateUserAccess(tx, user.id, { role: input.role, organisationId });
    // A new role is new access: sessions made under the old one end.
    await revokeUserSessions(tx, user.id, new Date().toISOString());
    await appendAudit(tx, {
      actor: actor.email,
      action: 'user.update',
      subject: `user:${user.email}`,
      details: {
        from: { role: user.role, organisationId: user.organisationId },
        to: { role: input.role, organisationId },
      },
    });
    return { ok: true, user: (await getUserById(tx, user.id))! } as const;
  });
}

/** Disables the account: it cannot log in; its sessions, API tokens and links stop working at once. */
export async function disableAccount(db: Db, userId: number, actor: Actor): Promise<AdminResult> {
  return db.transaction(async (tx) => {
    const user = await getUserById(tx, userId);
    if (!user) return { ok: false, reason: 'not-found' } as const;
    if (user.id === actor.userId) return { ok: false, reason: 'self' } as const;
    if (user.disabledAt) return { ok: true, user } as const;
    if (await isLastAdmin(tx, user)) return { ok: false, reason: 'last-admin' } as const;
    const now = new Date().toISOString();
    await storeDisabled(tx, user.id);
    const ended = await revokeUserSessions(tx, user.id, now);
    const tokens = await revokeUserApiTokens(tx, user.id, now);
    await expireUserPasswordTokens(tx, user.id, now);
    await appendAudit(tx, {
      actor: actor.email,
      action: 'user.disable',
      subject: `user:${user.email}`,
      details: { sessionsEnded: ended, apiTokensRevoked: tokens },
    });
    return { ok: true, user: (await getUserById(tx, user.id))! } as const;
  });
}

/**
 * A new invitation link (the old one stops working). A disabled user is enabled again without
 * a password: only the new link lets them back in.
 */
export async function reinviteUser(
  db: Db,
  userId: number,
  actor: Actor,
): Promise<AdminResult<IssuedPasswordLink>> {
  return db.transaction(async (tx) => {
    const user = await getUserById(tx, userId);
    if (!user) return { ok: false, reason: 'not-found' } as const;
    if (user.id === actor.userId) return { ok: false, reason: 'self' } as const;
    const wasDisabled = user.disabledAt !== null;
    if (wasDisabled) await reenableUser(tx, user.id);
    const link = await issuePasswordToken(tx, user.id, 'invite');
    await appendAudit(tx, {
      actor: actor.email,
      action: 'user.reinvite',
      subject: `user:${user.email}`,
      details: { reenabled: wasDisabled },
    });
    return { ok: true, user: (await getUserById(tx, user.id))!, ...link } as const;
  });
}
