/**
 * Liveness and readiness in one: 200 when the database answers, 503 (with `Retry-After`) when
 * it does not. `database-unavailable` when the storage layer knows the database is gone (e.g.
 * PostgreSQL stopped); `unavailable` when it did not answer in time or failed otherwise.
 */
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { DatabaseConnectionError, type Db } from '../../storage/index.ts';
import { databaseUnavailable, RETRY_AFTER_SECONDS, UnavailableProblem } from '../error-handler.ts';
import { problemResponses } from '../problem.ts';

const HEALTH_TIMEOUT_MS = 2_000;

class HealthTimeout extends Error {}

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      exposeHeadRoute: true,
      schema: {
        tags: ['health'],
        summary: 'Is the service up and the database reachable?',
        description:
          '200 when the database answers within 2 s. Otherwise 503 with `Retry-After`: ' +
          '`database-unavailable` when the database is known to be down, `unavailable` when it did ' +
          'not answer in time.',
        response: { 200: z.object({ status: z.literal('ok') }), ...problemResponses(503) },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new HealthTimeout()), HEALTH_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(db.kysely), timeout]);
      } catch (err) {
        if (err instanceof DatabaseConnectionError)
          throw databaseUnavailable('The database is not reachable.');
        throw new UnavailableProblem(
          'unavailable',
          err instanceof HealthTimeout
            ? `The database did not answer within ${HEALTH_TIMEOUT_MS / 1000} s.`
            : 'The database is not reachable.',
          RETRY_AFTER_SECONDS.unavailable,
        );
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
};
