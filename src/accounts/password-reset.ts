/**
 * "Forgot password": a one-time reset link for an address, if it belongs to an enabled user.
 * The caller answers the same whatever this returns, so the page never tells whether an
 * address has an account. Requests are counted in the log-in throttle's table (shared by every
 * instance): past the limits, further requests are ignored, silently like unknown addresses.
 */
import { createHash } from 'node:crypto';
import { appendAudit, countFailure, findUserByEmail, type Db, type User } from '../storage/index.ts';
import { RESET_THROTTLE } from './policy.ts';
import { issuePasswordToken, type IssuedPasswordLink } from './users.ts';

const accountKey = (email: string) =>
  `reset:email:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
const addressKey = (address: string) => `reset:ip:${address}`;

export async function requestPasswordReset(
  db: Db,
  input: { email: string; address: string },
  now = new Date(),
): Promise<({ user: User } & IssuedPasswordLink) | null> {
  const nowIso = now.toISOString();
  const windowStart = new Date(now.getTime() - RESET_THROTTLE.windowMs).toISOString();
  const [account, address] = await Promise.all([
    countFailure(db, accountKey(input.email), nowIso, windowStart),
    countFailure(db, addressKey(input.address), nowIso, windowStart),
  ]);
  if (account.failures > RESET_THROTTLE.accountRequests || address.failures > RESET_THROTTLE.addressRequests)
    return null;
  const user = await findUserByEmail(db, input.email.slice(0, 320));
  if (!user || user.disabledAt) return null;
  const link = await issuePasswordToken(db, user.id, 'reset', now);
  await appendAudit(db, {
    actor: user.email,
    action: 'user.password-reset-requested',
    subject: `user:${user.email}`,
  });
  return { user, ...link };
}
