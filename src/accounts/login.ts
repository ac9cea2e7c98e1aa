/**
 * Log-in: password check, throttling and lock-out, a fresh session. Counters live in the
 * database, keyed by a hash of the e-mail (so typed addresses of non-users are not stored)
 * and by the client address. Unknown e-mails are counted and locked like real ones and take
 * as long to check, so the answers never tell whether an account exists.
 */
import {
  appendAudit,
  clearThrottle,
  countFailure,
  findUserByEmail,
  getThrottle,
  lockKey,
  recordLogin,
  type Db,
  type User,
} from '../storage/index.ts';
import { verifyAgainstNothing, verifyPassword } from './password.ts';
import { THROTTLE, type SessionPolicy } from './policy.ts';
import { clientThrottleKey, emailThrottleKey } from './throttle-keys.ts';
import { endSession, startSession, type StartedSession } from './sessions.ts';

export type LoginResult =
  | { readonly ok: true; readonly user: User; readonly session: StartedSession }
  | { readonly ok: false; readonly reason: 'invalid' | 'locked' };

export interface LoginInput {
  readonly email: string;
  readonly password: string;
  readonly address: string;
  /** A session cookie sent with the log-in: it is ended, never upgraded (no fixation). */
  readonly presentedSessionId?: string | undefined;
}

const accountKey = (email: string) => emailThrottleKey('email', email);
const addressKey = (address: string) => clientThrottleKey('ip', address);

export async function logIn(
  db: Db,
  input: LoginInput,
  policy: SessionPolicy,
  now = new Date(),
): Promise<LoginResult> {
  if (input.presentedSessionId) await endSession(db, input.presentedSessionId);
  const keys = [accountKey(input.email), addressKey(input.address)];
  const nowIso = now.toISOString();
  const states = await getThrottle(db, keys);
  if (states.some((s) => s.lockedUntil !== null && s.lockedUntil > nowIso)) {
    return { ok: false, reason: 'locked' };
  }

  const user = await findUserByEmail(db, input.email);
  const usable = user && !user.disabledAt && user.passwordHash;
  const valid = usable
    ? await verifyPassword(input.password, user.passwordHash!)
    : await verifyAgainstNothing(input.password);

  if (!valid || !user) {
    const windowStart = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
    const lockUntil = new Date(now.getTime() + THROTTLE.lockMs).toISOString();
    const [account, address] = await Promise.all(keys.map((k) => countFailure(db, k, nowIso, windowStart)));
    let locked = false;
    if (account!.failures >= THROTTLE.accountFailures) {
      await lockKey(db, keys[0]!, lockUntil);
      locked = true;
    }
    if (address!.failures >= THROTTLE.addressFailures) {
      await lockKey(db, keys[1]!, lockUntil);
      locked = true;
    }
    // Every failure is audited, so a failed log-in costs the same write whether the account
    // exists or not (its timing tells nothing). An unknown account is written as "unknown":
    // the log must not collect typed e-mail addresses. The source address (the client's,
    // behind a trusted proxy) tells an administrator where an attack comes from; the password
    // is never written anywhere.
    await appendAudit(db, {
      actor: user?.email ?? 'unknown',
      action: locked ? 'auth.lockout' : 'auth.login-failed',
      subject: user ? `user:${user.email}` : 'user:unknown',
      details: { address: input.address },
    });
    return { ok: false, reason: locked ? 'locked' : 'invalid' };
  }

  await clearThrottle(db, keys[0]!);
  const session = await startSession(db, user.id, policy, now);
  await recordLogin(db, user.id, nowIso);
  await appendAudit(db, { actor: user.email, action: 'auth.login', subject: `user:${user.email}` });
  return { ok: true, user, session };
}
