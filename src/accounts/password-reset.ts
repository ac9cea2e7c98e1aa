/**
 * "Forgot password": a one-time reset link for an address, if it belongs to an enabled user.
 * The caller answers the same whatever this returns, so the page never tells whether an
 * address has an account. Requests are counted in the log-in throttle's table (shared by every
 * instance): past the limits, further requests are ignored, silently like unknown addresses.
 */
import { appendAudit, countFailure, findUserByEmail, type Db, type User } from '../storage/index.ts';
import { RESET_THROTTLE } from './policy.ts';
import { issuePasswordToken, type IssuedPasswordLink } from './users.ts';

import { clientThrottleKey, emailThrottleKey, normalEmail } from './throttle-keys.ts';

const accountKey = (email: string) => emailThrottleKey('reset:email', email);
const addressKey = (address: string) => clientThrottleKey('reset:ip', address);

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
  // The counter above and this lookup read the same address (padding cannot dodge the limit).
  const user = await findUserByEmail(db, normalEmail(input.email));
  if (!user || user.disabledAt) return null;
  const link = await issuePasswordToken(db, user.id, 'reset', now);
  await appendAudit(db, {
    actor: user.email,
    action: 'user.password-reset-requested',
    subject: `user:${user.email}`,
  });
  return { user, ...link };
}
