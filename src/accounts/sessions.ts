/**
 * Staff sessions: a 256-bit random id in an HttpOnly cookie, only its SHA-256 in the
 * database (shared by every app instance). The CSRF token is derived from the session id with
 * HMAC, so it is bound to the session, needs no storage and is useless without the cookie.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  findSessionByHash,
  hashToken,
  insertSession,
  newToken,
  revokeSession,
  revokeUserSessions,
  touchSession,
  type AuthMethod,
  type Db,
  type StoredSession,
} from '../storage/index.ts';
import type { SessionPolicy } from './policy.ts';

const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface StartedSession {
  /** The cookie value; shown to the browser once and never stored. */
  readonly id: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export async function startSession(
  db: Db,
  userId: number,
  policy: SessionPolicy,
  now = new Date(),
  /** How the user proved who they are: log-out offers the provider's log-out after SSO. */
  authMethod: AuthMethod = 'password',
): Promise<StartedSession> {
  const id = newToken();
  const expiresAt = new Date(now.getTime() + policy.absoluteMs).toISOString();
  await insertSession(db, { idHash: hashToken(id), userId, now: now.toISOString(), expiresAt, authMethod });
  return { id, csrfToken: csrfTokenFor(id), expiresAt };
}

/** The live session for a cookie value, or undefined; ends a session found expired. */
export async function resolveSession(
  db: Db,
  id: string,
  policy: SessionPolicy,
  now = new Date(),
): Promise<StoredSession | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const session = await findSessionByHash(db, hashToken(id));
  if (!session) return undefined;
  const t = now.getTime();
  const idle = t - Date.parse(session.lastSeenAt) > policy.idleMs;
  if (idle || t >= Date.parse(session.expiresAt)) {
    await revokeSession(db, session.id, now.toISOString());
    return undefined;
  }
  if (t - Date.parse(session.lastSeenAt) > policy.touchMs)
    await touchSession(db, session.id, now.toISOString());
  return session;
}

export async function endSession(db: Db, id: string): Promise<void> {
  if (!SESSION_ID.test(id)) return;
  const session = await findSessionByHash(db, hashToken(id));
  if (session) await revokeSession(db, session.id, new Date().toISOString());
}

export async function endAllSessions(db: Db, userId: number): Promise<number> {
  return revokeUserSessions(db, userId, new Date().toISOString());
}

export function csrfTokenFor(sessionId: string): string {
  return createHmac('sha256', sessionId).update('pejling-csrf-v1').digest('base64url');
}

export function csrfTokenMatches(sessionId: string, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const expected = Buffer.from(csrfTokenFor(sessionId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
