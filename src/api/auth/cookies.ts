/**
 * The session cookie: HttpOnly (no script can read it), SameSite=Strict (never sent on a
 * request started by another site), Secure and `__Host-` prefixed when the app is reached
 * over HTTPS (or PEJLING_SECURE_COOKIES=true behind a TLS-terminating proxy).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';

export function secureCookies(request: FastifyRequest): boolean {
  return request.protocol === 'https' || process.env.PEJLING_SECURE_COOKIES === 'true';
}

export const sessionCookieName = (request: FastifyRequest) =>
  secureCookies(request) ? '__Host-pejling_session' : 'pejling_session';

/** Double-submit cookie of the log-in form: log-in CSRF needs a guard before any session exists. */
export const loginCookieName = (request: FastifyRequest) =>
  secureCookies(request) ? '__Host-pejling_login' : 'pejling_login';

export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function setCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  name: string,
  value: string,
  maxAgeSeconds?: number,
): void {
  const attributes = ['Path=/', 'HttpOnly', 'SameSite=Strict'];
  if (secureCookies(request)) attributes.push('Secure');
  if (maxAgeSeconds !== undefined) attributes.push(`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`);
  appendSetCookie(reply, `${name}=${value}; ${attributes.join('; ')}`);
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', 0);
}

function appendSetCookie(reply: FastifyReply, cookie: string): void {
  const existing = reply.getHeader('set-cookie');
  const list = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
  reply.header('set-cookie', [...list, cookie]);
}
