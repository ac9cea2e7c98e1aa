/** Aggregates of a round (staff): sector figures and per-organisation counts, never answers. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireRoundByName, type Db } from '../../storage/index.ts';
import { organisationCounts } from '../data/rounds.ts';
import { problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';
import { roundSectorFigures } from '../services/sector.ts';

const STAFF = ['admin', 'analyst'] as const;

const sectorFiguresSchema = z
  .object({ round: z.string(), organisations: z.number().int(), respondents: z.number().int() })
  .catchall(z.unknown())
  .meta({ id: 'SectorFigures', description: 'the sector figures of the instrument spec (means unrounded)' });

export const reportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/rounds/:name/sector',
    {
      config: { access: STAFF },
      schema: {
        tags: ['reports'],
        summary: 'Sector figures of the round (counts and means over organisations)',
        params: roundParamsSchema,
        response: { 200: sectorFiguresSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => roundSectorFigures(db, request.params.name),
  );

  app.get(
    '/api/rounds/:name/organisations',
    {
      config: { access: STAFF },
      schema: {
        tags: ['reports'],
        summary: 'Organisations of the round with respondent counts (no answers)',
        params: roundParamsSchema,
        response: {
          200: z.array(
            z.object({
              name: z.string(),
              sector: z.string(),
              respondents: z.number().int(),
              submitted: z.number().int(),
            }),
          ),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const round = await requireRoundByName(db, request.params.name);
      return organisationCounts(db, round.id);
    },
  );
};
