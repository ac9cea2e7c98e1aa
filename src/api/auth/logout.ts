/**
 * Ending sessions, shared by the JSON API (`/api/auth/…`) and the staff pages (`/admin/…`):
 * end the session(s), audit it, and clear the cookie. The callers only differ in the reply.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { endAllSessions, endSession } from '../../accounts/sessions.ts';
import { appendAudit, type Db } from '../../storage/index.ts';
import { clearCookie, sessionCookieName } from './cookies.ts';
import { sessionOf } from './session-authenticator.ts';
import { staffOf } from './staff.ts';

/**
 * Ends this request's session (if it came with one); says whether it began with single
 * sign-on, so the caller can offer the provider's log-out too.
 */
export async function logOut(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<{ sso: boolean }> {
  const session = sessionOf(request);
  if (session) {
    await endSession(db, session.sessionId);
    await appendAudit(db, { actor: session.email, action: 'auth.logout', subject: `user:${session.email}` });
  }
  clearCookie(request, reply, sessionCookieName(request));
  return { sso: session?.authMethod === 'oidc' };
}

/** Ends every session of the calling user; returns how many ended. */
export async function logOutEverywhere(
  db: Db,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<number> {
  const staff = staffOf(request);
  const ended = await endAllSessions(db, staff.userId);
  await appendAudit(db, {
    actor: staff.email,
    action: 'auth.logout-everywhere',
    subject: `user:${staff.email}`,
    details: { ended },
  });
  clearCookie(request, reply, sessionCookieName(request));
  return ended;
}
