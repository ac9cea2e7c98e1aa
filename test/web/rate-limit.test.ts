/**
 * The respondents' rate limit (src/web-server/rate-limit.ts) with its counters in the
 * database: per address, per minute, the lock-out after unknown tokens, and shared by every
 * app instance on one database.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { expect, it } from 'vitest';
import { installErrorHandling } from '../../src/api/error-handler.ts';
import { deleteExpiredRateLimits, openDatabase, type Db } from '../../src/storage/index.ts';
import { installRespondentRateLimit, type RateLimitOptions } from '../../src/web-server/rate-limit.ts';
import { describeEachBackend } from '../storage/backends.ts';

async function limitedApp(db: Db, options: RateLimitOptions): Promise<FastifyInstance> {
  const app = Fastify();
  installErrorHandling(app);
  installRespondentRateLimit(app, db, options);
  app.get('/api/survey/:token', async (request, reply) =>
    (request.params as { token: string }).token === 'good' ? { ok: true } : reply.code(404).send({}),
  );
  app.get('/api/health', async () => ({ ok: true }));
  await app.ready();
  return app;
}

const status = async (app: FastifyInstance, url: string, remoteAddress?: string) =>
  (await app.inject({ url, ...(remoteAddress ? { remoteAddress } : {}) })).statusCode;

describeEachBackend('rate limits on the respondent side', (getDb, { backend, config }) => {
  it('blocks an address after too many unknown tokens, until the window has passed', async () => {
    let t = 1_000_000;
    const app = await limitedApp(getDb(), { misses: 3, missWindowMs: 60_000, now: () => t });
    for (const guess of ['a', 'b', 'c']) expect(await status(app, `/api/survey/${guess}`)).toBe(404);
    const blocked = await app.inject({ url: '/api/survey/good' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('60');
    expect(blocked.headers['content-type']).toMatch(/problem\+json/);
    expect(blocked.headers['x-ratelimit-limit']).toBeUndefined();
    // Another address, and other paths, are not affected.
    expect(await status(app, '/api/survey/good', '10.0.0.2')).toBe(200);
    expect(await status(app, '/api/health')).toBe(200);
    t += 30_000;
    expect((await app.inject({ url: '/api/survey/good' })).headers['retry-after']).toBe('30');
    t += 30_000;
    expect(await status(app, '/api/survey/good')).toBe(200);
    await app.close();
  });

  it('caps requests per minute, and forgets ended windows', async () => {
    let t = 0;
    const db = getDb();
    const app = await limitedApp(db, { requestsPerMinute: 5, now: () => t });
    const codes = [];
    for (let i = 0; i < 7; i++) codes.push(await status(app, '/api/survey/good'));
    expect(codes).toEqual([200, 200, 200, 200, 200, 429, 429]);
    t += 60_000;
    expect(await status(app, '/api/survey/good')).toBe(200);
    // One row per address; ended windows are deleted.
    t += 60_000;
    expect(await deleteExpiredRateLimits(db, new Date(t))).toBe(1);
    await app.close();
  });

  it('is shared by two app instances on one database, also for percent-encoded paths', async () => {
    const db = getDb();
    // PostgreSQL: two connections, as two servers have; SQLite: one process owns the file, so
    // its instances share the connection.
    const other = backend === 'postgres' ? await openDatabase(config()) : undefined;
    const a = await limitedApp(db, { requestsPerMinute: 4, misses: 3 });
    const b = await limitedApp(other ?? db, { requestsPerMinute: 4, misses: 3 });
    try {
      expect(await status(a, '/api/survey/good')).toBe(200);
      expect(await status(b, '/api/survey/good')).toBe(200);
      expect(await status(a, '/api/%73urvey/good')).toBe(200);
      expect(await status(b, '/api/survey/good')).toBe(200);
      // The fifth request in the minute, whichever instance gets it.
      expect(await status(a, '/api/survey/good')).toBe(429);
      expect(await status(b, '/s/good')).toBe(429);

      // Misses on both instances add up to the lock-out, seen by both; before any token lookup.
      expect(await status(a, '/api/survey/x', '10.0.0.9')).toBe(404);
      expect(await status(b, '/api/%73urvey/y', '10.0.0.9')).toBe(404);
      expect(await status(a, '/api/survey/z', '10.0.0.9')).toBe(404);
      expect(await status(b, '/api/survey/good', '10.0.0.9')).toBe(429);
      expect(await status(a, '/api/survey/more', '10.0.0.9')).toBe(429);
    } finally {
      await a.close();
      await b.close();
      await other?.close();
    }
  });
});
