/**
 * An organisation's digital portfolio as JSON (issue 16): the report (figures, warnings, the
 * settings used), one initiative at a time, the monthly review, the settings, import and
 * export. Administrators and the organisation's own lead change it; analysts read it. A lead
 * asking for another organisation gets "not found", as for a name that does not exist.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { STATUSES, TRACKS, type Initiative } from '../../core/portfolio/types.ts';
import { isMonth } from '../../core/portfolio/month.ts';
import { portfolioCsvRows } from '../../core/portfolio/exchange.ts';
import { getOrganisationByName, getUserById, type Db, type Organisation } from '../../storage/index.ts';
import { invalid, notFound, problemResponses } from '../problem.ts';
import {
  exportPortfolioCsv,
  importPortfolioRows,
  PortfolioInputError,
  portfolioReport,
  saveCheckedInitiative,
  saveMonthlyReview,
  setPortfolioSettings,
  type PortfolioActor,
} from '../services/portfolio.ts';
import { organisationNameSchema } from './organisation-report.ts';

const READERS = ['admin', 'analyst', 'org_lead'] as const;
const json = z.record(z.string(), z.unknown());
const EDITORS = ['admin', 'org_lead'] as const;

const monthSchema = z.string().refine(isMonth, 'a month as YYYY-MM');
const params = z.object({ org: organisationNameSchema });
const amount = z.number().finite();
const initiativeBody = z.object({
  initiative: z.string().min(1).max(200),
  track: z.enum(TRACKS),
  owner: z.string().max(120).nullable().default(null),
  status: z.enum(STATUSES),
  competency: z.string().nullable().default(null),
  start: monthSchema,
  investmentDkk: amount,
  runningCostDkkPerYear: amount,
  expectedHoursPerYear: amount,
  expectedDkkPerYear: amount,
  gainsBooked: z.boolean(),
  budgetYear: z.number().int().nullable().default(null),
});
const reviewBody = z.object({
  entries: z
    .array(z.object({ initiative: z.string().min(1), realisedHours: amount, realisedDkk: amount }))
    .max(1000),
});
const settingsBody = z.object({
  hourlyCostDkk: z.number().optional(),
  hoursPerFte: z.number().optional(),
  discountRate: z.number().optional(),
  horizonYears: z.number().optional(),
});

/** The organisation the caller may see; a lead only their own (anything else: not found). */
export async function portfolioOrganisation(
  db: Db,
  request: FastifyRequest,
  name: string,
): Promise<Organisation> {
  const staff = request.staff;
  if (!staff) throw new Error('portfolioOrganisation() on a route without a staff access declaration');
  const organisation = await getOrganisationByName(db, name);
  const nothing = () => notFound('There is no such portfolio.');
  if (!organisation) throw nothing();
  if (staff.role === 'org_lead') {
    const user = await getUserById(db, staff.userId);
    if (!user || user.organisationId !== organisation.id) throw nothing();
  }
  return organisation;
}

/** A portfolio route's actor: staff act on the one organisation the route names. */
const actorOf = (request: FastifyRequest, organisation: Organisation): PortfolioActor => ({
  actor: request.staff!.email,
  organisationId: organisation.id,
});

/** The core's problems as a 422 with one error per problem (row and column for files). */
export async function refusing<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof PortfolioInputError)) throw err;
    throw invalid(
      'invalid-portfolio',
      'The portfolio input was refused; nothing was changed.',
      err.problems.map((p) => ({
        in: p.row ? ('file' as const) : ('body' as const),
        field: p.column ?? '',
        path: p.column ? [p.column] : [],
        message: p.message,
        ...(p.row ? { row: p.row } : {}),
      })),
    );
  }
}

export const portfolioRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  const tags = ['portfolio'];
  const base = '/api/organisations/:org/portfolio';

  app.get(
    base,
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: "The organisation's portfolio figures, warnings and the settings used",
        params,
        querystring: z.object({ asOf: monthSchema.optional() }),
        response: { 200: json, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      return portfolioReport(db, org.id, request.query.asOf);
    },
  );

  app.post(
    `${base}/initiatives`,
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Add an initiative',
        params,
        body: initiativeBody,
        response: { 201: json, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      const fields: Initiative = { ...request.body, organisation: org.name };
      const saved = await refusing(() => saveCheckedInitiative(db, org.id, fields, actorOf(request, org)));
      return reply.code(201).send({ ...saved });
    },
  );

  app.put(
    `${base}/initiatives/:id`,
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: 'Change an initiative (status stoppet stops it)',
        params: params.extend({ id: z.coerce.number().int().positive() }),
        body: initiativeBody,
        response: { 200: json, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      const fields: Initiative = { ...request.body, organisation: org.name };
      const saved = await refusing(() =>
        saveCheckedInitiative(db, org.id, fields, actorOf(request, org), request.params.id),
      );
      return { ...saved };
    },
  );

  app.put(
    `${base}/realisations/:month`,
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: "One month's realised gains for several initiatives (the monthly review)",
        params: params.extend({ month: monthSchema }),
        body: reviewBody,
        response: { 200: json, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      const saved = await refusing(() =>
        saveMonthlyReview(db, org.id, request.params.month, request.body.entries, actorOf(request, org)),
      );
      return { saved };
    },
  );

  app.put(
    `${base}/settings`,
    {
      config: { access: EDITORS },
      schema: {
        tags,
        summary: "The organisation's portfolio settings",
        params,
        body: settingsBody,
        response: { 200: json, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      return {
        ...(await refusing(() => setPortfolioSettings(db, org.id, request.body, actorOf(request, org)))),
      };
    },
  );

  app.post(
    `${base}/import`,
    {
      config: { access: EDITORS },
      bodyLimit: 8 * 1024 * 1024,
      schema: {
        tags,
        summary: 'Import initiatives or realised gains (CSV text, either dialect); all or nothing',
        params,
        body: z.object({ csv: z.string() }),
        response: { 200: json, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      const read = portfolioCsvRows(request.body.csv);
      if (!read.ok) return refusing(() => Promise.reject(new PortfolioInputError(read.problems)));
      return {
        ...(await refusing(() => importPortfolioRows(db, read.rows, actorOf(request, org), read.decimal))),
      };
    },
  );

  app.get(
    `${base}/export`,
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Export initiatives or realised gains as CSV',
        params,
        querystring: z.object({
          kind: z.enum(['initiatives', 'realisations']).default('initiatives'),
          dialect: z.enum(['standard', 'danish-excel']).default('standard'),
        }),
      },
    },
    async (request, reply) => {
      const org = await portfolioOrganisation(db, request, request.params.org);
      const csv = await exportPortfolioCsv(
        db,
        org.id,
        request.query.kind,
        request.query.dialect === 'danish-excel',
      );
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="portfolio-${request.query.kind}.csv"`)
        .send(csv);
    },
  );
};
