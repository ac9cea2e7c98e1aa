/**
 * A step of the action plan becomes an initiative in the organisation's digital portfolio
 * (issue 16): a plain form on the report page (POST with the session's CSRF token, then a
 * redirect back with a confirmation; a refused form comes back with its errors, no script
 * needed). Admins and the organisation's own lead only, as for every change to a portfolio;
 * the portfolio service checks and audits it (`portfolio.initiative-create`, noting the step).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { planIsEditable } from '../../core/plans/plan.ts';
import { isMonth } from '../../core/portfolio/month.ts';
import { TRACKS, type Track } from '../../core/portfolio/types.ts';
import { reportT } from '../../i18n/report.ts';
import { parseUrlEncoded } from '../../admin-ui/forms.ts';
import { listPlanItems, type Db } from '../../storage/index.ts';
import { notFound } from '../problem.ts';
import { langSchema, roundNameSchema } from '../schemas.ts';
import { reportScope } from '../services/organisation-scope.ts';
import { initiativeFromPlanStep, PortfolioInputError } from '../services/portfolio.ts';
import { EDITORS, renderReportPage, sendReportPage } from '../services/report-page.ts';
import { organisationNameSchema } from './organisation-report.ts';

const FORM_BODY_LIMIT = 16 * 1024;
const params = z.object({
  round: roundNameSchema,
  org: organisationNameSchema,
  id: z.coerce.number().int().positive(),
});

export const planPortfolioRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, parseUrlEncoded(body as string)),
  );

  app.post(
    '/reports/:round/organisations/:org/plan/:id/portfolio',
    {
      config: { access: EDITORS },
      bodyLimit: FORM_BODY_LIMIT,
      schema: {
        hide: true,
        params,
        querystring: z.object({ lang: langSchema.default('da') }),
        body: z.record(z.string(), z.string()),
      },
    },
    async (request, reply) => {
      const { lang } = request.query;
      const t = reportT(lang);
      const scope = await reportScope(db, request, request.params.round, request.params.org);
      const step = (
        await listPlanItems(db, { organisationId: scope.organisation.id, roundId: scope.round.id })
      ).find((i) => i.id === request.params.id);
      if (!step) throw notFound();
      const form = `plan-${step.id}-portfolio`;
      const again = async (extra: Parameters<typeof renderReportPage>[4], status: number) =>
        sendReportPage(reply, await renderReportPage(db, request, scope, lang, extra), status);
      // The plan of a closed round is a record; so is what was decided from it.
      if (!planIsEditable(scope.round.status)) return again({ problem: t('planEdit.closedRefused') }, 409);

      const track = (request.body.track ?? '').trim();
      const start = (request.body.start ?? '').trim();
      const errors: Record<string, string> = {};
      if (!(TRACKS as readonly string[]).includes(track)) errors.track = t('forms.portfolioTrack');
      if (!isMonth(start)) errors.start = t('forms.portfolioStart');
      if (Object.keys(errors).length > 0) return again({ form: { form, values: request.body, errors } }, 422);

      try {
        await initiativeFromPlanStep(
          db,
          scope.organisation.id,
          step,
          { track: track as Track, start },
          { actor: request.staff!.email, organisationId: scope.organisation.id },
        );
      } catch (err) {
        if (!(err instanceof PortfolioInputError)) throw err;
        const duplicate = err.problems.some((p) => p.column === 'initiative' && /already/.test(p.message));
        const reason = duplicate
          ? t('forms.portfolioDuplicate', { title: step.title })
          : err.problems.map((p) => p.message).join('; ');
        return again({ problem: t('portfolio.refused', { reason }) }, 422);
      }
      const base = `/reports/${encodeURIComponent(scope.round.name)}/organisations/${encodeURIComponent(scope.organisation.name)}`;
      return reply.code(303).header('location', `${base}?lang=${lang}&done=plan-initiative#plan`).send();
    },
  );
};
