/**
 * The single error handler: everything that goes wrong becomes an RFC 9457 problem. Known
 * failures map to 4xx with a precise reason; a database that is unavailable or out of disk is
 * a 503 with `Retry-After` (the request may be repeated as is); anything else is a 500 that
 * says nothing about the internals (the log has the details, never the response).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AlreadyExistsError,
  DatabaseConnectionError,
  DiskFullError,
  DraftConflictError,
  ImportError,
  InstrumentConflictError,
  InvalidInputError,
  NotFoundError,
  RoundNotOpenError,
  StorageError,
} from '../storage/index.ts';
import { PublicUrlError } from '../rounds/public-url.ts';
import { HttpProblem, notFound, PROBLEM_CONTENT_TYPE, type Problem, type ProblemError } from './problem.ts';
import { isPathIssue, issueToError } from './validation.ts';

const LOCATIONS = new Set(['body', 'querystring', 'params', 'headers']);

/** Seconds a client should wait before repeating a request that got a 503. */
export const RETRY_AFTER_SECONDS = { unavailable: 5, diskFull: 30 } as const;

/** A 503: nothing was done, and the same request may succeed after `retryAfter` seconds. */
export class UnavailableProblem extends HttpProblem {
  constructor(
    slug: string,
    detail: string,
    readonly retryAfter: number,
  ) {
    super(503, slug, 'Service unavailable', detail);
  }
}

export const databaseUnavailable = (
  detail = 'The database is not available right now. Nothing was changed; try again in a few seconds.',
) => new UnavailableProblem('database-unavailable', detail, RETRY_AFTER_SECONDS.unavailable);

export const diskFull = () =>
  new UnavailableProblem(
    'disk-full',
    "The server's storage is full, so nothing could be saved. Try again later.",
    RETRY_AFTER_SECONDS.diskFull,
  );

/** Pages people read get their errors as pages; the composition root says which and how. */
export interface HtmlErrors {
  matches(request: FastifyRequest): boolean;
  send(request: FastifyRequest, reply: FastifyReply, err: Error): FastifyReply;
}

export function installErrorHandling(app: FastifyInstance, html?: HtmlErrors): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (html?.matches(request)) return html.send(request, reply, err);
    const problem = toHttpProblem(err);
    logProblem(request, err, problem);
    setProblemHeaders(reply, problem);
    return sendProblem(reply, problem.toProblem());
  });
  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) =>
    html?.matches(request)
      ? html.send(request, reply, notFound())
      : sendProblem(reply, notFound().toProblem()),
  );
}

/**
 * An unavailable database is logged briefly (the storage layer has logged the outage itself),
 * every other 5xx with the whole error, the rest as a one-line note.
 */
export function logProblem(request: FastifyRequest, err: Error, problem: HttpProblem): void {
  const cause = (err.cause as { code?: unknown } | undefined)?.code;
  const fields = {
    status: problem.status,
    problem: problem.slug,
    reason: err.message,
    ...(typeof cause === 'string' ? { driverCode: cause } : {}),
  };
  if (problem instanceof UnavailableProblem && err instanceof DiskFullError)
    request.log.error(fields, 'the database disk is full');
  else if (problem instanceof UnavailableProblem) request.log.warn(fields, problem.title);
  else if (problem.status >= 500) request.log.error({ err }, 'request failed');
  else request.log.info({ status: problem.status, problem: problem.slug }, problem.title);
}

/** `Retry-After` on a 503, for every error handler (API and HTML pages). */
export function setProblemHeaders(reply: FastifyReply, problem: HttpProblem): void {
  if (problem instanceof UnavailableProblem) reply.header('retry-after', String(problem.retryAfter));
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  // Sent as text so the route's response serializer cannot turn an error into another error.
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
}

export function toHttpProblem(err: FastifyError | Error): HttpProblem {
  if (err instanceof HttpProblem) return err;
  // Nothing was done: an operator has to set the address first (no Retry-After).
  if (err instanceof PublicUrlError)
    return new HttpProblem(503, 'public-url-missing', 'Service unavailable', err.message);
  if (err instanceof StorageError) return fromStorage(err);
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_VALIDATION' && Array.isArray(e.validation)) {
    const where = LOCATIONS.has(e.validationContext ?? '') ? e.validationContext : 'body';
    const errors: ProblemError[] = e.validation.map((v) =>
      isPathIssue(v)
        ? issueToError(v, where as ProblemError['in'])
        : { in: where as ProblemError['in'], field: '', path: [], message: v.message ?? 'invalid' },
    );
    return new HttpProblem(
      400,
      'invalid-request',
      'Invalid request',
      `The request ${where === 'querystring' ? 'query' : where} is not valid; see errors.`,
      errors,
    );
  }
  const status = typeof e.statusCode === 'number' ? e.statusCode : 500;
  if (status >= 400 && status < 500) {
    return new HttpProblem(status, slugOf(e, status), STATUS_CODES[status] ?? 'Bad request', safeDetail(e));
  }
  if (status === 503)
    return new UnavailableProblem('unavailable', 'Try again later.', RETRY_AFTER_SECONDS.unavailable);
  return new HttpProblem(500, 'internal', 'Internal server error', 'Something went wrong on our side.');
}

function fromStorage(err: StorageError): HttpProblem {
  if (err instanceof NotFoundError) return notFound(`No ${err.entity} ${JSON.stringify(err.key)}.`);
  if (err instanceof DraftConflictError) {
    return new HttpProblem(409, 'draft-conflict', 'Conflict', err.message, undefined, {
      currentRevision: err.currentRevision,
    });
  }
  if (err instanceof RoundNotOpenError)
    return new HttpProblem(409, 'round-not-open', 'Conflict', err.message);
  if (err instanceof AlreadyExistsError)
    return new HttpProblem(409, 'already-exists', 'Conflict', err.message);
  if (err instanceof InstrumentConflictError || err instanceof ImportError) {
    return new HttpProblem(409, 'conflict', 'Conflict', err.message);
  }
  if (err instanceof InvalidInputError)
    return new HttpProblem(400, 'invalid-request', 'Invalid request', err.message);
  // DatabaseUnavailableError (lost while running) is a DatabaseConnectionError too.
  if (err instanceof DatabaseConnectionError) return databaseUnavailable();
  if (err instanceof DiskFullError) return diskFull();
  return new HttpProblem(500, 'internal', 'Internal server error', 'Something went wrong on our side.');
}

const SLUGS: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not-found',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
};

function slugOf(e: FastifyError, status: number): string {
  if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY') return 'invalid-json';
  return SLUGS[status] ?? 'bad-request';
}

/** Parser messages can quote the body (answers); say what is wrong without repeating it. */
function safeDetail(e: FastifyError): string {
  if (e instanceof SyntaxError || e.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
    return 'The body is not valid JSON.';
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return 'The body is larger than this endpoint accepts.';
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return 'This endpoint does not accept that content type.';
  return e.message;
}
