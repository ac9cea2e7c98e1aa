/**
 * CSRF protection for every state-changing request authenticated by the session cookie:
 * the request must carry the session's CSRF token (header `x-csrf-token`, or the form field
 * `_csrf`) and must not come from another site (Origin / Sec-Fetch-Site). Bearer-token
 * requests are exempt: a browser never attaches an Authorization header cross-site.
 *
 * It runs in preValidation, after the body is parsed (forms carry the token in the body) and
 * before validation, so a forged request learns nothing about the input a route expects.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from '../../accounts/sessions.ts';
import { HttpProblem } from '../problem.ts';
import { sessionOf } from './session-authenticator.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const csrfFailure = () =>
  new HttpProblem(
    403,
    'csrf',
    'Forbidden',
    'The request lacks a valid CSRF token for this session (header x-csrf-token or form field _csrf).',
  );

/**
 * Whether the browser says the request came from another site. Sec-Fetch-Site is decisive
 * where sent (every current browser); Origin is the fallback. `Origin: null` (sent with
 * Referrer-Policy: no-referrer, which our pages use) tells nothing: the token decides then.
 */
export function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'cross-site' || site === 'same-site';
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true;
  }
}

export function installCsrfProtection(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    if (SAFE.has(request.method)) return;
    const session = sessionOf(request);
    if (!session) return;
    const fromBody = (request.body as { _csrf?: unknown } | null | undefined)?._csrf;
    const presented = request.headers['x-csrf-token'] ?? fromBody;
    if (crossSite(request) || !csrfTokenMatches(session.sessionId, presented)) throw csrfFailure();
  });
}
