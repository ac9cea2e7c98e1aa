/**
 * A round's panel of individuals (the citizen panel) for the people who run the round: import
 * the panel provider's file, and read the panel's figures with the combined view. The file is
 * checked whole first (422 with every problem's row and column); a valid file replaces the
 * round's panel in one transaction. The round must exist (POST /api/rounds creates it).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readPanelData } from '../../files/panel-file.ts';
import type { Db } from '../../storage/index.ts';
import { canRunRound, roundForStaff, staffOf } from '../auth/staff.ts';
import { invalidFile, problemResponses } from '../problem.ts';
import { roundNameSchema, roundParamsSchema } from '../schemas.ts';
import {
  combinedJson,
  combinedView,
  importPanel,
  organisationRoundFor,
  panelInstrument,
  roundPanelFigures,
} from '../services/panel.ts';

const RUNNERS = ['admin', 'analyst'] as const;
const BODY_LIMIT = 20 * 1024 * 1024;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UPLOAD = 'upload';

const summarySchema = z.object({
  round: z.string(),
  roundCreated: z.boolean(),
  respondents: z.number().int(),
  weightSum: z.number(),
  replaced: z.number().int().describe('respondents of the panel this file replaced'),
  unchanged: z.boolean().describe('the round already held exactly this panel: nothing was written'),
  minCell: z
    .number()
    .int()
    .nullable()
    .describe("the round's minimum breakdown cell (null: the instrument's)"),
});

export const panelRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(['text/csv', XLSX], { parseAs: 'buffer' }, (_request, body, done) =>
    done(null, body),
  );

  app.post(
    '/api/rounds/:name/panel',
    {
      config: { access: RUNNERS },
      bodyLimit: BODY_LIMIT,
      schema: {
        tags: ['panel'],
        summary: "Import a panel provider's file (citizen panel) into a round, replacing its panel",
        description:
          'Columns `respondent`, `weight` (optional, a positive number; blank = 1), then answer ids; no ' +
          '`organisation` or `sector`. All or nothing: every problem is listed with row and column (422). ' +
          "A valid file replaces the round's panel in one transaction; the same file again changes nothing.",
        consumes: ['text/csv', XLSX],
        params: roundParamsSchema,
        querystring: z.object({
          minCell: z.coerce
            .number()
            .int()
            .min(5)
            .optional()
            .describe("sets the round's minimum breakdown cell"),
        }),
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), 'the body must be a CSV or XLSX file')
          .meta({ type: 'string', format: 'binary', description: 'the panel file: CSV (UTF-8) or XLSX' }),
        response: { 200: summarySchema, ...problemResponses(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      const { instrument, source } = await panelInstrument(db, round.name, round.instrument.id);
      const xlsx = (request.headers['content-type'] ?? '').startsWith(XLSX);
      const parsed = await readPanelData(
        instrument,
        request.body,
        xlsx ? 'xlsx' : 'csv',
        `${UPLOAD}.${xlsx ? 'xlsx' : 'csv'}`,
      );
      if (!parsed.ok) throw invalidFile(parsed.problems);
      return importPanel(
        db,
        {
          roundName: round.name,
          source,
          respondents: parsed.respondents,
          actor: staffOf(request).email,
          minCell: request.query.minCell,
        },
        { createRound: false },
      );
    },
  );

  app.get(
    '/api/rounds/:name/panel',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['panel'],
        summary: "The round's citizen panel figures (instruments-more.md §2) and the combined view",
        description:
          "Weighted shares with 95 % Wilson intervals on Kish's n_eff; breakdowns only for cells of at least " +
          "the round's minimum (null otherwise). `combined` sets citizens' shares beside an `it-i-praksis` " +
          'organisation round: `organisations` names it, else the latest one of the same year.',
        params: roundParamsSchema,
        querystring: z.object({ organisations: roundNameSchema.optional() }),
        response: {
          200: z.record(z.string(), z.unknown()),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      const { figures } = await roundPanelFigures(db, round);
      const { chosen } = await organisationRoundFor(db, round, request.query.organisations, (r) =>
        canRunRound(db, request, r),
      );
      return { ...figures, combined: combinedJson(await combinedView(db, round, figures, chosen)) };
    },
  );
};
