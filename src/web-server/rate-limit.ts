/**
 * Rate limits on the respondent's side (`/api/survey/…` and the survey pages `/s/…`), per
 * client address (IPv6 per /64; behind a proxy set `trustProxy` so the address is the
 * client's), through @fastify/rate-limit with its counters in the database
 * (src/storage/rate-limits/), so every app instance on one database counts together:
 *
 * - at most `requestsPerMinute` requests a minute (autosave sends at most ~2 a second while
 *   someone types, so a person never gets near the default);
 * - at most `misses` unknown-token answers (404) in `missWindowMs`: after that, every
 *   respondent request from that address gets 429 until the window has passed. Tokens have 256
 *   random bits, so guessing is hopeless anyway; this keeps it from even loading the database.
 *
 * Cost: one upsert per respondent request (`countHit`), on an unlogged (PostgreSQL) or temp
 * (SQLite) table; a miss adds one more, and the miss that locks a third. The lock-out is kept
 * in the request counter itself (its hits set over the limit until the miss window ends), so
 * checking it costs nothing extra.
 *
 * 429 is a problem document with `Retry-After`. The check runs in an onRequest hook added
 * before access control (whose token lookup is what guessing would hammer):
 * `installRespondentRateLimit(app, db)` in buildApp, just before `installAccessControl`.
 */
import fastifyRateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HttpProblem } from '../api/problem.ts';
import { isTokenedPath, routedPath } from '../api/request-path.ts';
import { countHit, deleteExpiredRateLimits, holdRateLimit, type Db } from '../storage/index.ts';

export interface RateLimitOptions {
  readonly requestsPerMinute?: number;
  readonly misses?: number;
  readonly missWindowMs?: number;
  /** For tests. */
  readonly now?: () => number;
}

const MINUTE = 60_000;
/** How often ended windows are deleted. */
const PRUNE_EVERY_MS = 5 * MINUTE;

const requestKey = (request: FastifyRequest) => `survey:${normalizeIP(request.ip)}`;
const missKey = (request: FastifyRequest) => `survey-miss:${normalizeIP(request.ip)}`;

/** The store @fastify/rate-limit constructs: one `countHit` per request. */
function databaseStore(db: Db, now: () => number) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
    ): void {
      const t = now();
      countHit(db, key, timeWindow, new Date(t)).then(
        ({ hits, expiresAt }) => callback(null, { current: hits, ttl: Date.parse(expiresAt) - t }),
        (err: Error) => callback(err),
      );
    }
    child(): FastifyRateLimitStore {
      return this;
    }
  };
}

const tooMany = () =>
  new HttpProblem(
    429,
    'too-many-requests',
    'Too Many Requests',
    'Too many requests from this address; try again later.',
  );

export function installRespondentRateLimit(
  app: FastifyInstance,
  db: Db,
  options: RateLimitOptions = {},
): void {
  const perMinute = options.requestsPerMinute ?? 600;
  const maxMisses = options.misses ?? 60;
  const missWindow = options.missWindowMs ?? 10 * MINUTE;
  const now = options.now ?? Date.now;

  app.register(fastifyRateLimit, {
    // Not per route: one hook of our own, before access control (see above).
    global: false,
    max: perMinute,
    timeWindow: MINUTE,
    keyGenerator: requestKey,
    store: databaseStore(db, now),
    addHeadersOnExceeding: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
    },
    addHeaders: {
      'x-ratelimit-limit': false,
      'x-ratelimit-remaining': false,
      'x-ratelimit-reset': false,
      'retry-after': true,
    },
    errorResponseBuilder: tooMany,
  });

  let limit: ((request: FastifyRequest, reply: FastifyReply) => Promise<unknown>) | undefined;
  let pruning: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    const handler = app.rateLimit();
    limit = (request, reply) => handler.call(app, request, reply);
    pruning = setInterval(() => {
      deleteExpiredRateLimits(db, new Date(now())).catch((err: unknown) =>
        app.log.warn({ err }, 'could not delete ended rate-limit windows'),
      );
    }, PRUNE_EVERY_MS).unref();
  });
  app.addHook('onClose', async () => clearInterval(pruning));

  app.addHook('onRequest', async (request, reply) => {
    if (isTokenedPath(request.url)) await limit!(request, reply);
  });

  // Before the answer goes out (onSend, not onResponse): the guesser's next request already
  // meets the lock.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 404 || !routedPath(request.url).startsWith('/api/survey/')) return payload;
    const misses = await countHit(db, missKey(request), missWindow, new Date(now()));
    // Over the limit until the miss window ends: every request of the address is refused.
    if (misses.hits >= maxMisses)
      await holdRateLimit(db, requestKey(request), perMinute + 1, misses.expiresAt);
    return payload;
  });
}
