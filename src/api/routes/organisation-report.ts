/**
 * The organisation's report: the page at a human URL, the same as a PDF, its own figures as
 * XLSX, the JSON model for integrations, and the stylesheet. Staff only; an organisation's
 * lead sees their own organisation and nothing else (see services/organisation-scope.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  REPORT_CSS_PATH,
  REPORT_ICON,
  REPORT_ICON_PATH,
  reportStylesheet,
} from '../../reports/organisation/assets.ts';
import { REPORT_FORMAT } from '../../reports/organisation/model/types.ts';
import { PdfPrinter } from '../../reports/organisation/pdf.ts';
import { reportPdf } from '../../reports/organisation/print.ts';
import { reportWorkbook } from '../../reports/organisation/xlsx.ts';
import { reportT } from '../../i18n/report.ts';
import type { Db } from '../../storage/index.ts';
import { problemResponses } from '../problem.ts';
import { langSchema, roundNameSchema } from '../schemas.ts';
import { loadReportSources, organisationReport } from '../services/organisation-report.ts';
import { builtReport } from '../services/report-cache.ts';
import { relatedResultsFor } from '../services/organisation-overview.ts';
import { reportScope } from '../services/organisation-scope.ts';
import { auditReportRead } from '../services/report-audit.ts';
import { attachment, REPORT_HEADERS, renderReportPage, sendReportPage } from '../services/report-page.ts';

const READERS = ['admin', 'analyst', 'org_lead'] as const;

export const organisationNameSchema = z.string().min(1).max(200);

const pageParams = z.object({ round: roundNameSchema, org: organisationNameSchema });
const DONE = ['plan-saved', 'plan-deleted', 'targets-saved', 'plan-initiative'] as const;
const pageQuery = z.object({ lang: langSchema.default('da'), done: z.enum(DONE).optional() });
const langQuery = z.object({ lang: langSchema.default('da') });

const NOTICE_KEYS: Record<(typeof DONE)[number], string> = {
  'plan-saved': 'plan.saved',
  'plan-deleted': 'plan.deleted',
  'targets-saved': 'targets.saved',
  'plan-initiative': 'portfolio.created',
};

const reportModelSchema = z
  .object({
    format: z.literal(REPORT_FORMAT),
    lang: langSchema,
    generatedAt: z.string(),
    round: z.object({ name: z.string(), title: z.string(), status: z.string(), kMin: z.number().int() }),
    organisation: z.object({ name: z.string(), sector: z.string() }).catchall(z.unknown()),
  })
  .catchall(z.unknown())
  .meta({
    id: 'OrganisationReport',
    description:
      'The organisation report (docs/reports.md): summary, profile, ranking, domains, benchmark (groups below ' +
      'k_min are "too-few" with no figures), divergence, advice, plan, targets and trend; texts in `lang`, ' +
      'numbers unrounded',
  });

export interface OrganisationReportOptions {
  readonly db: Db;
  /** A printer to share; by default the plugin makes its own and closes it with the app. */
  readonly printer?: PdfPrinter;
}

export const organisationReportRoutes: FastifyPluginAsyncZod<OrganisationReportOptions> = async (
  app,
  options,
) => {
  const { db } = options;
  const printer = options.printer ?? new PdfPrinter();
  if (!options.printer) app.addHook('onClose', () => printer.close());

  app.get(
    REPORT_CSS_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => {
      const { text, etag } = await reportStylesheet();
      reply.header('etag', etag).header('cache-control', 'public, max-age=3600');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('text/css; charset=utf-8').send(text);
    },
  );

  app.get(
    REPORT_ICON_PATH,
    { config: { access: 'public' }, schema: { hide: true } },
    async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(REPORT_ICON),
  );

  app.get(
    '/reports/:round/organisations/:org',
    { config: { access: READERS }, schema: { hide: true, params: pageParams, querystring: pageQuery } },
    async (request, reply) => {
      const { round, org } = request.params;
      const { lang, done } = request.query;
      const scope = await reportScope(db, request, round, org);
      await auditReportRead(db, request, scope, 'html');
      const notice = done ? reportT(lang)(NOTICE_KEYS[done]) : undefined;
      return sendReportPage(
        reply,
        await renderReportPage(db, request, scope, lang, notice ? { notice } : {}),
      );
    },
  );

  app.get(
    '/reports/:round/organisations/:org/report.pdf',
    { config: { access: READERS }, schema: { hide: true, params: pageParams, querystring: langQuery } },
    async (request, reply) => {
      const { round, org } = request.params;
      const scope = await reportScope(db, request, round, org);
      // The model and charts from the report cache; the PDF says when it was printed.
      const now = new Date();
      const related = await relatedResultsFor(db, request, scope.round, scope.organisation);
      const sources = await loadReportSources(db, scope.round, scope.organisation, related);
      const built = await builtReport(db, sources, request.query.lang, now);
      const pdf = await reportPdf(printer, { ...built.report, generatedAt: now.toISOString() }, built.charts);
      await auditReportRead(db, request, scope, 'pdf');
      return reply
        .headers(REPORT_HEADERS)
        .header('content-disposition', attachment(`${scope.round.name} ${scope.organisation.name}.pdf`))
        .type('application/pdf')
        .send(pdf);
    },
  );

  app.get(
    '/reports/:round/organisations/:org/figures.xlsx',
    { config: { access: READERS }, schema: { hide: true, params: pageParams, querystring: langQuery } },
    async (request, reply) => {
      const { round, org } = request.params;
      const scope = await reportScope(db, request, round, org);
      const report = await organisationReport(db, scope.round, scope.organisation, request.query.lang);
      const workbook = await reportWorkbook(report);
      await auditReportRead(db, request, scope, 'xlsx');
      return reply
        .headers(REPORT_HEADERS)
        .header('content-disposition', attachment(`${scope.round.name} ${scope.organisation.name}.xlsx`))
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .send(workbook);
    },
  );

  app.get(
    '/api/rounds/:name/organisations/:org/report',
    {
      config: { access: READERS },
      schema: {
        tags: ['reports'],
        summary: "An organisation's report as JSON",
        description:
          "An organisation's lead may read only their own organisation's report; any other is 404. " +
          'Peer figures come only from groups of at least the round’s k_min organisations.',
        params: z.object({ name: roundNameSchema, org: organisationNameSchema }),
        querystring: langQuery,
        response: { 200: reportModelSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const scope = await reportScope(db, request, request.params.name, request.params.org);
      reply.header('cache-control', 'private, no-store');
      const related = await relatedResultsFor(db, request, scope.round, scope.organisation);
      const report = await organisationReport(
        db,
        scope.round,
        scope.organisation,
        request.query.lang,
        new Date(),
        related,
      );
      await auditReportRead(db, request, scope, 'json');
      // Spread into a plain object type, which the schema's open shape accepts.
      return { ...report };
    },
  );
};
