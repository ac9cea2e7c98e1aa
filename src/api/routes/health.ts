/** Liveness and readiness in one: 200 when the database answers, 503 when it does not. */
import { sql } from 'kysely';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../storage/index.ts';
import { HttpProblem, problemResponses } from '../problem.ts';

const HEALTH_TIMEOUT_MS = 2_000;

export const healthRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      exposeHeadRoute: true,
      schema: {
        tags: ['health'],
        summary: 'Is the service up and the database reachable?',
        response: { 200: z.object({ status: z.literal('ok') }), ...problemResponses(503) },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('health check timed out')), HEALTH_TIMEOUT_MS);
      });
      try {
        await Promise.race([sql`select 1`.execute(db.kysely), timeout]);
      } catch {
        throw new HttpProblem(503, 'unavailable', 'Service unavailable', 'The database is not reachable.');
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ok' as const };
    },
  );
};
