/**
 * The portfolio across organisations as JSON (issue 16): for whoever runs the round
 * (administrators, and analysts of the rounds they run), under the round's k. Organisation
 * leads never see other organisations' portfolios, not even in aggregate here.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { TRACKS } from '../../core/portfolio/types.ts';
import { isMonth } from '../../core/portfolio/month.ts';
import type { Db } from '../../storage/index.ts';
import { roundForStaff } from '../auth/staff.ts';
import { problemResponses } from '../problem.ts';
import { roundNameSchema } from '../schemas.ts';
import { portfolioFiguresAcross } from '../services/portfolio-across.ts';

const ratio = z.number().min(0).nullable();
const cellSchema = z
  .object({
    scope: z.enum(['all', 'sector']),
    sector: z.string().nullable(),
    track: z.enum(['total', ...TRACKS]),
    status: z.enum(['shown', 'earlier', 'not-shown']),
    reason: z.enum(['too-few', 'uniform', 'complementary']).nullable(),
    asOf: z.string().nullable(),
    realisation: ratio,
    bookedInitiatives: ratio,
    bookedDkk: ratio,
  })
  .meta({ id: 'PortfolioAcrossCell' });

const reportSchema = z
  .object({ round: z.string(), k: z.number().int(), asOf: z.string(), cells: z.array(cellSchema) })
  .meta({
    id: 'PortfolioAcross',
    description:
      'Realisation (realised ÷ expected to date) and the shares booked in a budget up front (of initiatives, ' +
      'of expected DKK a year), for every organisation with a portfolio and per sector, in total and per track ' +
      '(docs/portfolio.md). No cell from fewer than the round’s k organisations, none that would tell each ' +
      'member’s value (a share of 0 or 1, realisation 0), none that could be differenced against another ' +
      'or an earlier one (then the earlier figures, status "earlier"). Fractions 0–1; never an amount.',
  });

export const portfolioAcrossRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/rounds/:name/portfolio-figures',
    {
      config: { access: ['admin', 'analyst'] },
      schema: {
        tags: ['portfolio'],
        summary:
          'The portfolio across organisations: realisation and booked-up-front shares by sector and track',
        params: z.object({ name: roundNameSchema }),
        querystring: z.object({ asOf: z.string().refine(isMonth, 'a month as YYYY-MM').optional() }),
        response: { 200: reportSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      return portfolioFiguresAcross(db, round, request.staff!.email, request.query.asOf);
    },
  );
};
