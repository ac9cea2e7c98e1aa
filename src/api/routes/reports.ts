/** Aggregates of a round (staff): sector figures and per-organisation counts, never answers. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Db } from '../../storage/index.ts';
import { roundForStaff } from '../auth/staff.ts';
import { HttpProblem } from '../problem.ts';
import { organisationCounts } from '../data/rounds.ts';
import { problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';
import { roundSectorFigures } from '../services/sector.ts';

const STAFF = ['admin', 'analyst'] as const;

const sectorFiguresSchema = z
  .object({ round: z.string(), organisations: z.number().int(), respondents: z.number().int().nullable() })
  .catchall(z.unknown())
  .meta({
    id: 'SectorFigures',
    description:
      'the sector figures of the instrument spec (means unrounded; a hidden number is null), from the latest release (`release`)',
  });

export const reportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/rounds/:name/sector',
    {
      config: { access: STAFF },
      schema: {
        tags: ['reports'],
        summary: 'Sector figures of the round (counts and means over organisations)',
        params: roundParamsSchema,
        response: { 200: sectorFiguresSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      const figures = await roundSectorFigures(db, round.name);
      // Disclosure control: no figure from fewer organisations than the round's k.
      if ('suppressed' in figures) {
        throw new HttpProblem(
          409,
          'too-few-organisations',
          'Too few organisations',
          `The round's latest release has fewer than ${round.kMin} organisations with answers; figures need at least ${round.kMin}.`,
        );
      }
      return figures;
    },
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
      const round = await roundForStaff(db, request, request.params.name);
      return organisationCounts(db, round.id);
    },
  );
};
