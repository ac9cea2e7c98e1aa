/**
 * Background jobs over the API: start one (invitations and reminders, every organisation's
 * PDF in a ZIP, a large export), follow its progress, download its file. Starting answers 202
 * with the job's id at once; the work is done by the workers of the app instances.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { enqueueInvitationMails } from '../../rounds/invitation-jobs.ts';
import { smtpConfigFromEnv } from '../../rounds/mail/transport.ts';
import { publicUrl } from '../../rounds/public-url.ts';
import type { Db } from '../../storage/index.ts';
import { roundForStaff, staffOf } from '../auth/staff.ts';
import { conflict, HttpProblem, problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';
import { EXPORT_FORMATS } from '../services/export.ts';
import { enqueueExport } from '../services/export-jobs.ts';
import { downloadJobResult, sendJobResult, jobForStaff, jobStatus } from '../services/jobs.ts';
import { enqueueReportPdfs } from '../services/report-jobs.ts';

const RUNNERS = ['admin', 'analyst'] as const;

const jobParams = z.object({ id: z.coerce.number().int().positive() });

export const jobStatusSchema = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    state: z.enum(['pending', 'done', 'failed']),
    running: z.boolean(),
    done: z.number().int(),
    failed: z.number().int(),
    unknown: z
      .number()
      .int()
      .describe('mails a worker stopped while sending: maybe delivered, not sent again'),
    skipped: z.number().int(),
    remaining: z.number().int(),
    total: z.number().int(),
    error: z.string().nullable(),
    params: z.unknown(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    hasResult: z.boolean(),
  })
  .meta({ id: 'JobStatus' });

const accepted = z.object({
  job: z.number().int(),
  /** False when the same work was already queued: this is that job. */
  created: z.boolean(),
  status: z.string().describe('where to follow the job'),
});

const acceptedJob = (job: { id: number }, created: boolean) => ({
  job: job.id,
  created,
  status: `/api/jobs/${job.id}`,
});

export const jobRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.post(
    '/api/rounds/:name/invitations/send',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'Queue e-mails with links (scope new) or reminders (scope pending) through SMTP_URL',
        description:
          'Answers 202 with a background job; GET its status for progress. Reminders point to the link ' +
          'of the invitation mail (earlier links keep working) unless `newLink` is true: then they carry ' +
          'a fresh link and the earlier one stops working.',
        params: roundParamsSchema,
        body: z.object({
          scope: z
            .enum(['new', 'pending'])
            .describe('new: never given a link; pending: not answered yet (reminders)'),
          newLink: z.boolean().default(false),
        }),
        response: { 202: accepted, ...problemResponses(400, 401, 403, 404, 409, 503) },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      if (round.status === 'closed') throw conflict('round-closed', `Round ${round.name} is closed.`);
      if (!smtpConfigFromEnv())
        throw new HttpProblem(
          503,
          'mail-not-configured',
          'Service unavailable',
          'E-mail is not set up (SMTP_URL, SMTP_FROM).',
        );
      publicUrl();
      const { scope, newLink } = request.body;
      const { job, created } = await enqueueInvitationMails(
        db,
        round,
        { scope },
        scope === 'new' ? 'invitation' : 'reminder',
        { newLink },
        staffOf(request).email,
      );
      return reply.code(202).send(acceptedJob(job, created));
    },
  );

  app.post(
    '/api/rounds/:name/report-pdfs',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: "Queue printing every organisation's PDF report of the round into one ZIP",
        params: roundParamsSchema,
        body: z.object({ lang: z.enum(['da', 'en']).default('da') }),
        response: { 202: accepted, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      const { job, created } = await enqueueReportPdfs(db, round, request.body.lang, staffOf(request).email);
      return reply.code(202).send(acceptedJob(job, created));
    },
  );

  app.post(
    '/api/rounds/:name/export-jobs',
    {
      // Raw answers of single respondents, like the export itself: administrators only.
      config: { access: ['admin'] },
      schema: {
        tags: ['exchange'],
        summary: 'Queue an export of the round as a background job (for rounds too large for one request)',
        params: roundParamsSchema,
        body: z.object({ format: z.enum(EXPORT_FORMATS).default('csv') }),
        response: { 202: accepted, ...problemResponses(400, 401, 403, 404) },
      },
    },
    async (request, reply) => {
      const round = await roundForStaff(db, request, request.params.name);
      const { job, created } = await enqueueExport(db, round, request.body.format, staffOf(request).email);
      return reply.code(202).send(acceptedJob(job, created));
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: "A background job's progress: done, failed, remaining",
        params: jobParams,
        response: { 200: jobStatusSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => {
      const { job } = await jobForStaff(db, request, request.params.id);
      return jobStatus(db, job);
    },
  );

  app.get(
    '/api/jobs/:id/result',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: "A finished job's file (a ZIP of PDFs, an export)",
        params: jobParams,
        produces: ['application/zip', 'text/csv', 'application/json'],
        response: {
          200: z.any().meta({ type: 'string', format: 'binary' }),
          ...problemResponses(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      const { job, round } = await jobForStaff(db, request, request.params.id);
      return sendJobResult(reply, await downloadJobResult(db, request, job, round));
    },
  );
};
