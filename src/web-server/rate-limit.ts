/**
 * Rate limits on the respondent's side (`/api/survey/…` and the survey pages `/s/…`), per
 * client address, in memory (one instance; behind a proxy set Fastify's `trustProxy` so the
 * address is the client's):
 *
 * - at most `requestsPerMinute` requests a minute (autosave sends at most ~2 a second while
 *   someone types, so a person never gets near the default);
 * - at most `misses` unknown-token answers (404) in `missWindowMs`: after that, every
 *   respondent request from that address gets 429 until the window has passed. Tokens have 256
 *   random bits, so guessing is hopeless anyway; this keeps it from even loading the database.
 *
 * 429 is a problem document with `Retry-After`. Install it before access control (whose token
 * lookup is what guessing would hammer): `installRespondentRateLimit(app)` in buildApp, just
 * before `installAccessControl`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isTokenedPath, routedPath } from '../api/request-path.ts';

export interface RateLimitOptions {
  readonly requestsPerMinute?: number;
  readonly misses?: number;
  readonly missWindowMs?: number;
  /** For tests. */
  readonly now?: () => number;
}

interface Client {
  windowStart: number;
  requests: number;
  missStart: number;
  misses: number;
}

const MAX_CLIENTS = 50_000;

export function installRespondentRateLimit(app: FastifyInstance, options: RateLimitOptions = {}): void {
  const perMinute = options.requestsPerMinute ?? 600;
  const maxMisses = options.misses ?? 60;
  const missWindow = options.missWindowMs ?? 10 * 60_000;
  const now = options.now ?? Date.now;
  const clients = new Map<string, Client>();

  const clientOf = (ip: string, t: number): Client => {
    let client = clients.get(ip);
    if (!client) {
      if (clients.size >= MAX_CLIENTS) prune(t);
      client = { windowStart: t, requests: 0, missStart: t, misses: 0 };
      clients.set(ip, client);
    }
    if (t - client.windowStart >= 60_000) {
      client.windowStart = t;
      client.requests = 0;
    }
    if (t - client.missStart >= missWindow) {
      client.missStart = t;
      client.misses = 0;
    }
    return client;
  };

  const prune = (t: number) => {
    for (const [ip, c] of clients) {
      if (t - c.windowStart >= 60_000 && (c.misses === 0 || t - c.missStart >= missWindow))
        clients.delete(ip);
    }
  };

  const tooMany = (reply: FastifyReply, retryAfterMs: number) =>
    reply
      .code(429)
      .header('retry-after', String(Math.max(1, Math.ceil(retryAfterMs / 1000))))
      .type('application/problem+json; charset=utf-8')
      .send(
        JSON.stringify({
          type: 'urn:pejling:problem:too-many-requests',
          title: 'Too Many Requests',
          status: 429,
          detail: 'Too many requests from this address; try again later.',
        }),
      );

  app.addHook('onRequest', async (request, reply) => {
    if (!isTokenedPath(request.url)) return;
    const t = now();
    const client = clientOf(request.ip, t);
    if (client.misses >= maxMisses) return tooMany(reply, missWindow - (t - client.missStart));
    client.requests += 1;
    if (client.requests > perMinute) return tooMany(reply, 60_000 - (t - client.windowStart));
  });

  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 404 || !routedPath(request.url).startsWith('/api/survey/')) return;
    clientOf(request.ip, now()).misses += 1;
  });
}
