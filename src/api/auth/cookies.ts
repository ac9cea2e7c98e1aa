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

/** Double-submit cookie of the log-in form: log-in CSRF needs a guard before any session exists. */
export const loginCookieName = (request: FastifyRequest) =>
  reachedOverHttps(request) ? '__Host-pejling_login' : 'pejling_login';

export const readCookie = (request: FastifyRequest, name: string): string | undefined =>
  request.cookies[name];

/** `__Host-` requires Path=/ and Secure and forbids Domain: the attributes below keep to that. */
const attributes = (request: FastifyRequest) =>
  ({ path: '/', httpOnly: true, sameSite: 'strict', secure: reachedOverHttps(request) }) as const;

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): void {
  reply.setCookie(name, value, {
    ...attributes(request),
    ...(maxAgeSeconds !== undefined ? { maxAge: Math.max(0, Math.floor(maxAgeSeconds)) } : {}),
  });
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  reply.clearCookie(name, attributes(request));
}
