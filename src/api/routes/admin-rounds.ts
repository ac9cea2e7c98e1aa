/**
 * Running a round (administrators, and analysts for the rounds they run): invitations,
 * response rates, the sector report, open data, erasing addresses after the round.
 */
import { z } from 'zod';
import { inviteeAttributesWriter } from '../services/organisations.ts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { openDataZip } from '../../open-data/files.ts';
import { roundDashboard } from '../services/dashboard.ts';
import type { FileProblem } from '../../core/exchange/file-problems.ts';
import { fileProblemReason } from '../../i18n/file-problems.ts';
import { checkRoles, readInviteeFile, XLSX_TYPE } from '../../rounds/invitee-file.ts';
import { roleCodesOf } from '../services/invitees.ts';
import { addInvitees, InviteeConflict, issueLinks, linksCsv } from '../../rounds/invitations.ts';
import { publicUrl } from '../../rounds/public-url.ts';
import { roundOpenData, roundSectorReport } from '../services/round-reports.ts';
import {
  listReleaseSummaries,
  makeRelease,
  releaseSummary,
  releaseSummarySchema,
  type Release,
} from '../services/releases.ts';
import {
  appendAudit,
  assignRoundStaff,
  eraseRoundEmails,
  findUserByEmail,
  requireRoundByName,
  type Db,
  type Round,
} from '../../storage/index.ts';
import { roundForStaff, staffOf } from '../auth/staff.ts';
import { conflict, HttpProblem, invalid, problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';

const RUNNERS = ['admin', 'analyst'] as const;
const UPLOAD_LIMIT = 10 * 1024 * 1024;

const counts = {
  organisations: z.number().int(),
  organisationsAnswered: z.number().int(),
  respondents: z.number().int(),
  submitted: z.number().int(),
};
const dashboardSchema = z
  .object({
    round: z.string(),
    status: z.string(),
    total: z.object(counts),
    bySector: z.array(z.object({ sector: z.string(), ...counts })),
    byOrganisation: z.array(
      z.object({
        name: z.string(),
        sector: z.string(),
        respondents: z.number().int(),
        submitted: z.number().int(),
      }),
    ),
    at: z.string(),
  })
  .meta({ id: 'ResponseDashboard', description: 'counts only, never answers' });

/**
 * A release made because staff asked for one (this API and the round page), audited like
 * every other action of someone running a round.
 */
export async function releaseOnRequest(db: Db, round: Round, actor: string): Promise<Release | null> {
  const release = await makeRelease(db, round, 'manual');
  if (release)
    await appendAudit(db, {
      actor,
      action: 'round.release',
      subject: `round:${round.name}`,
      details: { number: release.number },
    });
  return release;
}

const scopeBody = z.object({
  scope: z
    .enum(['new', 'pending'])
    .describe('new: never given a link; pending: not answered yet (reminders)'),
});

export const adminRoundRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.addContentTypeParser(
    ['text/csv', XLSX_TYPE],
    { parseAs: 'buffer', bodyLimit: UPLOAD_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/rounds/:name/dashboard',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'Response rates per sector and organisation',
        params: roundParamsSchema,
        response: { 200: dashboardSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const d = await roundDashboard(db, await roundForStaff(db, request, request.params.name));
      return { ...d, bySector: [...d.bySector], byOrganisation: [...d.byOrganisation] };
    },
  );

  app.post(
    '/api/rounds/:name/invitations',
    {
      config: { access: RUNNERS },
      bodyLimit: UPLOAD_LIMIT,
      schema: {
        tags: ['running a round'],
        summary: 'Add respondents from a CSV or XLSX file (organisation, sector, role, email[, respondent])',
        description:
          'All or nothing; rows already in the round are left as they are. No links are issued here.',
        consumes: ['text/csv', XLSX_TYPE],
        params: roundParamsSchema,
        body: z
          .custom<Buffer>((v) => Buffer.isBuffer(v), 'the body must be a CSV or XLSX file')
          .meta({ type: 'string', format: 'binary' }),
        response: {
          200: z.object({ added: z.number().int(), unchanged: z.number().int() }),
          ...problemResponses(401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      const kind = (request.headers['content-type'] ?? '').startsWith(XLSX_TYPE) ? 'xlsx' : 'csv';
      const parsed = await readInviteeFile(request.body, kind);
      const fail = (problems: readonly FileProblem[]) =>
        invalid(
          'invalid-file',
          `The file has ${problems.length} problem(s); nobody was added.`,
          problems.map((p) => ({
            in: 'file',
            field: p.column ?? '',
            path: p.column ? [p.row, p.column] : [p.row],
            message: fileProblemReason(p, 'en'),
            code: p.code,
            row: p.row,
          })),
        );
      if (!parsed.ok) throw fail(parsed.problems);
      const codes = await roleCodesOf(db, round);
      const checked = codes ? checkRoles(parsed.rows, codes) : parsed;
      if (!checked.ok) throw fail(checked.problems);
      try {
        return await addInvitees(
          db,
          round,
          checked.rows,
          staffOf(request).email,
          inviteeAttributesWriter(round),
        );
      } catch (err) {
        if (err instanceof InviteeConflict) throw fail(err.problems);
        throw err;
      }
    },
  );

  app.post(
    '/api/rounds/:name/invitations/links',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'Issue fresh links and download them as CSV for a mail merge',
        description: 'Each link replaces the earlier link of the same respondent.',
        params: roundParamsSchema,
        body: scopeBody,
        produces: ['text/csv'],
        response: {
          200: z.any().meta({ type: 'string', format: 'binary' }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      if (round.status === 'closed') throw conflict('round-closed', `Round ${round.name} is closed.`);
      const links = await issueLinks(db, round, request.body.scope, publicUrl(), staffOf(request).email);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="pejling-${round.name}-links.csv"`)
        .header('cache-control', 'no-store')
        .send(linksCsv(links));
    },
  );

  app.get(
    '/api/rounds/:name/sector-report',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary:
          'The sector report as JSON: the spec figures overall, by sector, best practice, business vs IT, change',
        params: roundParamsSchema,
        response: {
          200: z
            .object({ round: z.string(), k: z.number().int() })
            .catchall(z.unknown())
            .meta({ id: 'SectorReport' }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request) => {
      const report = await roundSectorReport(db, await roundForStaff(db, request, request.params.name));
      return report as unknown as { round: string; k: number } & Record<string, unknown>;
    },
  );

  app.get(
    '/api/rounds/:name/releases',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'The releases of the round: when, why, and which groups each refreshed',
        params: roundParamsSchema,
        response: { 200: z.array(releaseSummarySchema), ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      return (await listReleaseSummaries(db, round)).reverse();
    },
  );

  app.post(
    '/api/rounds/:name/releases',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary:
          'Make a release now: groups in which at least k organisations changed get new figures; the others keep theirs',
        params: roundParamsSchema,
        response: { 201: releaseSummarySchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      // Never null: only a release asked for `onlyIfChanged` can be skipped.
      const release = (await releaseOnRequest(db, round, staffOf(request).email))!;
      return reply.code(201).send(releaseSummary(release));
    },
  );

  app.get(
    '/api/rounds/:name/open-data',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'The open data set: k-anonymous CSV files and datapackage.json, as a ZIP',
        params: roundParamsSchema,
        produces: ['application/zip'],
        response: {
          200: z.any().meta({ type: 'string', format: 'binary' }),
          ...problemResponses(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      const data = await roundOpenData(db, round);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'export.open-data',
        subject: `round:${round.name}`,
      });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="pejling-${round.name}-open-data.zip"`)
        .send(openDataZip(data));
    },
  );

  app.post(
    '/api/rounds/:name/erase-emails',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: "Erase the respondents' e-mail addresses and links of a closed round (answers stay)",
        params: roundParamsSchema,
        response: {
          200: z.object({ erased: z.number().int() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      if (round.status !== 'closed')
        throw conflict('round-not-closed', `Round ${round.name} is not closed yet.`);
      const erased = await eraseRoundEmails(db, round.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'privacy.erase-emails',
        subject: `round:${round.name}`,
        details: { erased },
      });
      return { erased };
    },
  );

  app.post(
    '/api/rounds/:name/staff',
    {
      config: { access: ['admin'] },
      schema: {
        tags: ['running a round'],
        summary: 'Let an analyst run the round',
        params: roundParamsSchema,
        body: z.object({ email: z.email().max(320) }),
        response: { 204: z.null(), ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const round = await requireRoundByName(db, request.params.name);
      const user = await findUserByEmail(db, request.body.email);
      if (!user || user.role !== 'analyst')
        throw new HttpProblem(400, 'invalid-request', 'Invalid request', 'No analyst with that e-mail.');
      await assignRoundStaff(db, round.id, user.id);
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'round.assign-analyst',
        subject: `round:${round.name}`,
        details: { analyst: user.email },
      });
      return reply.code(204).send(null);
    },
  );
};
