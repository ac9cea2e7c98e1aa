/** The audit log and data-subject exports (administrators only). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appendAudit, respondentRecords, type Db } from '../../storage/index.ts';
import { listAuditPage } from '../../rounds/audit.ts';
import { staffOf } from '../auth/staff.ts';
import { problemResponses } from '../problem.ts';

const ADMIN = ['admin'] as const;

export const adminAuditRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/audit',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['audit'],
        summary: 'Audit log entries, newest first',
        description:
          'Filters as on the staff page: `actor` (part of it, any case), `action` (exactly), ' +
          '`from` (at or after) and `until` (before), ISO-8601 moments. Page with `before`: the ' +
          'id of the last entry of the previous page.',
        querystring: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          actor: z.string().max(320).optional(),
          action: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          until: z.iso.datetime({ offset: true }).optional(),
        }),
        response: {
          200: z.array(
            z.object({
              id: z.number().int(),
              at: z.string(),
              actor: z.string(),
              action: z.string(),
              subject: z.string().nullable(),
              details: z.unknown(),
            }),
          ),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request) => {
      const { from, until, ...rest } = request.query;
      // Stored moments are UTC with milliseconds: compare like with like.
      const utc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());
      return listAuditPage(db, { ...rest, from: utc(from), until: utc(until) });
    },
  );

  app.post(
    '/api/privacy/respondent-export',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['audit'],
        summary: 'Everything held about a respondent, found by e-mail (a data subject access request)',
        body: z.object({ email: z.email().max(320) }),
        response: {
          200: z.object({ email: z.string(), records: z.array(z.unknown()) }),
          ...problemResponses(400, 401, 403),
        },
      },
    },
    async (request, reply) => {
      const records = await respondentRecords(db, request.body.email);
      // The address is the subject's personal data: the audit notes that an export happened, not for whom.
      await appendAudit(db, {
        actor: staffOf(request).email,
        action: 'privacy.respondent-export',
        details: { records: records.length },
      });
      reply.header('cache-control', 'no-store');
      return { email: request.body.email.toLowerCase(), records };
    },
  );
};
