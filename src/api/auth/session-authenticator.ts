/**
 * Staff authentication by session cookie, beside the API bearer token. What it learns about
 * the session (its id, for the CSRF check and log-out) is kept per request in a WeakMap, not
 * on the request object, so nothing else can read or spoof it.
 */
import type { FastifyRequest } from 'fastify';
import { resolveSession } from '../../accounts/sessions.ts';
import { sessionPolicy } from '../../accounts/policy.ts';
import type { AuthMethod, Db, UserRole } from '../../storage/index.ts';
import type { StaffAuthenticator } from '../access.ts';
import { readCookie, sessionCookieName } from './cookies.ts';

export interface SessionContext {
  readonly sessionId: string;
  readonly storedId: number;
  readonly userId: number;
  readonly email: string;
  readonly role: UserRole;
  readonly organisationId: number | null;
  readonly authMethod: AuthMethod;
}

const sessions = new WeakMap<FastifyRequest, SessionContext>();

/** The session a request was authenticated with, if it came with a cookie. */
export const sessionOf = (request: FastifyRequest): SessionContext | undefined => sessions.get(request);

export function sessionAuthenticator(db: Db, policy = sessionPolicy()): StaffAuthenticator {
  return {
    name: 'session',
    async authenticate(request) {
      const id = readCookie(request, sessionCookieName(request));
      if (id === undefined || id === '') return undefined;
      const session = await resolveSession(db, id, policy);
      if (!session) return null;
      sessions.set(request, {
        sessionId: id,
        storedId: session.id,
        userId: session.userId,
        email: session.email,
        role: session.role,
        organisationId: session.organisationId,
        authMethod: session.authMethod,
      });
      // tokenId belongs to API tokens; a session has none (StaffIdentity predates sessions).
      return { userId: session.userId, email: session.email, role: session.role, tokenId: 0 };
    },
  };
}
