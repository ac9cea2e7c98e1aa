/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on a
 * request started by another site), Secure and `__Host-` prefixed when the app is reached
 * over HTTPS (or PEJLING_SECURE_COOKIES=true behind a TLS-terminating proxy). Parsing and
 * serialising is @fastify/cookie's (registered once in buildApp); this module only decides
 * the names and attributes, so every cookie of the app carries the same ones.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { reachedOverHttps } from '../https.ts';

export const sessionCookieName = (request: FastifyRequest) =>
  reachedOverHttps(request) ? '__Host-pejling_session' : 'pejling_session';

/**
 * The single sign-on log-in under way: SameSite=Lax, because the provider's redirect back is a
 * navigation started by another site, which a Strict cookie would not accompany.
 */
export const ssoCookieName = (request: FastifyRequest) =>
  reachedOverHttps(request) ? '__Host-pejling_sso' : 'pejling_sso';

/** Double-submit cookie of the log-in form: log-in CSRF needs a guard before any session exists. */
export const loginCookieName = (request: FastifyRequest) =>
  reachedOverHttps(request) ? '__Host-pejling_login' : 'pejling_login';

export const readCookie = (request: FastifyRequest, name: string): string | undefined =>
  request.cookies[name];

/** `__Host-` requires Path=/ and Secure and forbids Domain: the attributes below keep to that. */
const attributes = (request: FastifyRequest, sameSite: 'strict' | 'lax' = 'strict') =>
  ({ path: '/', httpOnly: true, sameSite, secure: reachedOverHttps(request) }) as const;

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds?: number,
  sameSite: 'strict' | 'lax' = 'strict',
): void {
  reply.setCookie(name, value, {
    ...attributes(request, sameSite),
    ...(maxAgeSeconds !== undefined ? { maxAge: Math.max(0, Math.floor(maxAgeSeconds)) } : {}),
  });
}

export function clearCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  sameSite: 'strict' | 'lax' = 'strict',
): void {
  reply.clearCookie(name, attributes(request, sameSite));
}
