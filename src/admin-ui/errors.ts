/**
 * Errors on the pages people read (staff pages under /admin, reports under /reports) are pages
 * in the page's language, not problem JSON: a missing log-in leads to the log-in page, and
 * anything else says in plain words what happened and where to go. The problem type is kept in
 * `X-Problem-Type` for clients and tests that need the reason.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { logProblem, setProblemHeaders, toHttpProblem } from '../api/error-handler.ts';
import type { HttpProblem } from '../api/problem.ts';
import { routedPath } from '../api/request-path.ts';
import { adminT } from '../i18n/admin.ts';
import { errorPage } from './pages/auth.ts';
import { langOf, loginPath, safeNext, see, sendHtml, viewerOf } from './respond.ts';

const PAGE_PATH = /^\/(admin|reports)(\/|$)/;

/** Requests for pages (not the API, not the survey): their errors are pages too. */
export const isPageRequest = (request: FastifyRequest): boolean => PAGE_PATH.test(routedPath(request.url));

export function sendHtmlError(request: FastifyRequest, reply: FastifyReply, err: Error): FastifyReply {
  const lang = langOf(request);
  const t = adminT(lang);
  const problem = toHttpProblem(err);
  if (problem.status >= 500) logProblem(request, err, problem);
  // A page opened without a log-in: log in, then come back to it.
  if (problem.status === 401) {
    const home = /^\/admin\/?(\?|$)/.test(request.url);
    return see(reply, loginPath(lang, request.method === 'GET' && !home ? safeNext(request.url) : null));
  }
  const message = messageOf(problem, t);
  // A 503 (database down, disk full) says when to try again.
  setProblemHeaders(reply, problem);
  // The problem type, as the API gives it in JSON, for clients and tests that need the reason.
  reply.header('x-problem-type', problem.slug);
  // Signed in, the error page keeps the staff bar, so the way on is where it always is.
  const viewer = request.staff ? viewerOf(request) : null;
  return sendHtml(reply, errorPage(lang, problem.title, message, viewer), problem.status);
}

/** In plain words; details only where they are the person's to fix (a 4xx with a reason). */
function messageOf(problem: HttpProblem, t: (key: string) => string): string {
  if (problem.slug === 'csrf') return t('errors.csrf');
  if (problem.slug === 'nul-character') return t('errors.nul');
  const byStatus: Record<number, string> = {
    403: 'errors.forbidden',
    404: 'errors.notFound',
    415: 'errors.formOnly',
    503: 'errors.unavailable',
  };
  const key = byStatus[problem.status];
  if (key) return t(key);
  return problem.status < 500 ? (problem.detail ?? t('errors.generic')) : t('errors.generic');
}
