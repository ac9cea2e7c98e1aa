/**
 * Rules that hold for every route, whoever wrote it, so no route can forget them:
 *
 * - **No caching of anything personal.** A response to a staff route or to a respondent's
 *   tokened URL (survey API, web survey, profile) is `Cache-Control: no-store`: a shared
 *   computer's browser cache or a proxy must not keep someone's answers, report or audit log.
 *   Only public routes (stylesheets, icons, the built survey's assets, the log-in page) decide
 *   their own caching.
 * - **HTML forms take form bodies only.** Every state-changing route outside `/api/` is a
 *   form of the staff pages or the report; such a route answers anything but
 *   `application/x-www-form-urlencoded` or `multipart/form-data` with 415 before a handler
 *   sees a JSON array where it expects fields.
 * - **No NUL characters.** U+0000 is never meaningful in Pejling's text, PostgreSQL cannot
 *   store it, and SQLite and C libraries cut strings at it: a request with one anywhere in its
 *   path, query, fields or JSON gets 400 naming where, instead of a 500 on one backend and a
 *   silently shortened text on the other. (Files are checked cell by cell by their readers.)
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpProblem, type ProblemError } from './problem.ts';
import { isTokenedPath } from './request-path.ts';

const FORM_TYPES = new Set(['application/x-www-form-urlencoded', 'multipart/form-data']);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Routes the forms of the staff pages and the report post to; the API lives under `/api/`. */
export const isFormRoute = (method: string, url: string): boolean =>
  !SAFE_METHODS.has(method) && !url.startsWith('/api/');

const isPersonal = (request: FastifyRequest): boolean => {
  const access = request.is404 ? undefined : request.routeOptions.config.access;
  return (access !== undefined && access !== 'public') || isTokenedPath(request.url);
};

const hasBody = (request: FastifyRequest): boolean =>
  request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;

type Where = ProblemError['in'];

/** Where in `value` a string holds U+0000, as paths (at most a few: one is enough to fix). */
function nulPaths(value: unknown, path: (string | number)[] = [], found: (string | number)[][] = []) {
  if (found.length >= 5) return found;
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => nulPaths(v, [...path, i], found));
  } else if (value !== null && typeof value === 'object' && !Buffer.isBuffer(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k.includes('\u0000')) found.push([...path, k]);
      else nulPaths(v, [...path, k], found);
    }
  }
  return found;
}

const nulProblem = (errors: ProblemError[]) =>
  new HttpProblem(
    400,
    'nul-character',
    'Bad Request',
    'Text must not contain the NUL character (U+0000).',
    errors,
  );

function nulErrors(where: Where, value: unknown): ProblemError[] {
  return nulPaths(value).map((path) => ({
    in: where,
    field: path.join('.'),
    path,
    message: 'contains the NUL character (U+0000)',
  }));
}

export function installHttpPolicy(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    // Escaped or raw, in the path or the query: the router and every handler would see it decoded.
    if (request.url.includes('\u0000') || /%00/.test(request.url)) {
      throw nulProblem([{ in: 'params', field: 'url', path: ['url'], message: 'contains %00 (U+0000)' }]);
    }
  });

  app.addHook('preValidation', async (request) => {
    const errors = nulErrors('body', request.body);
    if (errors.length > 0) throw nulProblem(errors);
  });

  app.addHook('onRequest', async (request) => {
    const url = request.is404 ? undefined : request.routeOptions.url;
    if (url === undefined || !isFormRoute(request.method, url)) return;
    const type = request.headers['content-type'];
    // A form without fields may come without a body (and then without a type).
    if (type === undefined && !hasBody(request)) return;
    const media = (type ?? '').split(';')[0]!.trim().toLowerCase();
    if (!FORM_TYPES.has(media)) {
      throw new HttpProblem(
        415,
        'unsupported-media-type',
        'Unsupported Media Type',
        `This form takes application/x-www-form-urlencoded or multipart/form-data, not ${media || 'a body without a type'}.`,
      );
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (!isPersonal(request)) return payload;
    const current = reply.getHeader('cache-control');
    if (typeof current !== 'string' || !/\bno-store\b/i.test(current))
      reply.header('cache-control', 'no-store');
    return payload;
  });
}
