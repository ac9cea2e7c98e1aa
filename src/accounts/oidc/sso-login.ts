/**
 * Log-in by single sign-on, start to finish. The browser holds a random value (a cookie);
 * the database holds its hash with the state, nonce and PKCE verifier, so whichever instance
 * receives the callback can finish, exactly once. Failures are counted per client address in
 * the log-in throttle (like wrong passwords) and audited; the session that follows is the
 * ordinary database session.
 */
import { timingSafeEqual } from 'node:crypto';
import {
  appendAudit,
  countFailure,
  getThrottle,
  hashToken,
  insertOidcLogin,
  lockKey,
  newToken,
  recordLogin,
  takeOidcLogin,
  type Db,
  type User,
} from '../../storage/index.ts';
import { THROTTLE, type SessionPolicy } from '../policy.ts';
import { endSession, startSession, type StartedSession } from '../sessions.ts';
import { clientThrottleKey } from '../throttle-keys.ts';
import { matchUser } from './match.ts';
import { authorizationRequest, classify, redeemCode, type ProviderFailure } from './provider.ts';
import type { OidcSettings } from './settings.ts';

/** Long enough to type a password and approve MFA at the provider, short enough to be useless later. */
export const SSO_LOGIN_MS = 10 * 60_000;

export type SsoFailure = ProviderFailure | 'expired' | 'unknown-user' | 'locked';

const addressKey = (address: string) => clientThrottleKey('sso-ip', address);

async function locked(db: Db, address: string, now: Date): Promise<boolean> {
  const [state] = await getThrottle(db, [addressKey(address)]);
  return state?.lockedUntil != null && state.lockedUntil > now.toISOString();
}

export type SsoStart =
  | { readonly ok: true; readonly binding: string; readonly url: URL }
  | { readonly ok: false; readonly reason: SsoFailure };

export async function startSsoLogin(
  db: Db,
  settings: OidcSettings,
  input: { next: string | null; lang: string; address: string },
  now = new Date(),
): Promise<SsoStart> {
  if (await locked(db, input.address, now)) return { ok: false, reason: 'locked' };
  let request;
  try {
    request = await authorizationRequest(settings);
  } catch (err) {
    const failure = classify(err);
    // Counted too: every refused start writes an audit entry, which must not be free to flood.
    await countAndMaybeLock(db, input.address, now);
    await audit(db, failure.reason, { address: input.address, detail: failure.detail });
    return { ok: false, reason: failure.reason };
  }
  const binding = newToken();
  await insertOidcLogin(db, {
    bindingHash: hashToken(binding),
    state: request.state,
    nonce: request.nonce,
    codeVerifier: request.codeVerifier,
    next: input.next,
    lang: input.lang,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SSO_LOGIN_MS).toISOString(),
  });
  return { ok: true, binding, url: request.url };
}

export interface SsoCallback {
  /** The cookie set by the start; absent when the browser lost it or never started here. */
  readonly binding: string | undefined;
  /** The URL the provider sent the browser to (code and state in its query). */
  readonly callbackUrl: URL;
  readonly address: string;
  readonly presentedSessionId?: string | undefined;
}

export type SsoFinish =
  | {
      readonly ok: true;
      readonly user: User;
      readonly session: StartedSession;
      readonly next: string | null;
      readonly lang: string;
    }
  | { readonly ok: false; readonly reason: SsoFailure; readonly lang: string | null };

const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export async function finishSsoLogin(
  db: Db,
  settings: OidcSettings,
  input: SsoCallback,
  policy: SessionPolicy,
  now = new Date(),
): Promise<SsoFinish> {
  // A session cookie arriving here is ended, never upgraded (no fixation).
  if (input.presentedSessionId) await endSession(db, input.presentedSessionId);
  if (await locked(db, input.address, now)) return { ok: false, reason: 'locked', lang: null };
  const pending = input.binding ? await takeOidcLogin(db, hashToken(input.binding)) : undefined;
  const fail = async (reason: SsoFailure, details: Record<string, unknown> = {}) => {
    await countAndMaybeLock(db, input.address, now);
    await audit(db, reason, { address: input.address, ...details });
    return { ok: false as const, reason, lang: pending?.lang ?? null };
  };
  if (!pending || pending.expiresAt <= now.toISOString()) return fail('expired');
  const params = input.callbackUrl.searchParams;
  if (!params.has('error') && !sameText(params.get('state') ?? '', pending.state)) return fail('state');

  let identity;
  try {
    identity = await redeemCode(settings, input.callbackUrl, pending);
  } catch (err) {
    const failure = classify(err);
    return fail(failure.reason, { detail: failure.detail });
  }
  const match = await matchUser(db, settings, identity);
  if (!match.ok) return fail('unknown-user', { why: match.why, email: match.email, issuer: identity.issuer });

  const session = await startSession(db, match.user.id, policy, now, 'oidc');
  await recordLogin(db, match.user.id, now.toISOString());
  await appendAudit(db, {
    actor: match.user.email,
    action: 'sso.login',
    subject: `user:${match.user.email}`,
    details: { issuer: identity.issuer, address: input.address },
  });
  return { ok: true, user: match.user, session, next: pending.next, lang: pending.lang };
}

async function countAndMaybeLock(db: Db, address: string, now: Date): Promise<void> {
  const key = addressKey(address);
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs).toISOString();
  const state = await countFailure(db, key, now.toISOString(), windowStart);
  if (state.failures >= THROTTLE.addressFailures)
    await lockKey(db, key, new Date(now.getTime() + THROTTLE.lockMs).toISOString());
}

/** Every failure is audited with its reason; codes and tokens never reach `details`. */
async function audit(db: Db, reason: SsoFailure, details: Record<string, unknown>): Promise<void> {
  const email = typeof details.email === 'string' ? details.email : null;
  await appendAudit(db, {
    actor: email ?? 'unknown',
    action: 'sso.login-failed',
    subject: email ? `user:${email}` : 'user:unknown',
    details: { reason, ...details },
  });
}
