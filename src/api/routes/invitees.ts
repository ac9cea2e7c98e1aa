/**
 * The invitees of a round, one by one (administrators, and analysts for the rounds they run):
 * where each stands, correcting an address or role, removing someone who has not submitted.
 * The staff pages' invitee list does the same through the same functions (src/rounds/invitees.ts).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SECTORS } from '../../core/exchange/types.ts';
import { correctInvitee, InviteeChangeRefused, removeInviteeFromRound } from '../../rounds/invitees.ts';
import { findInvitees, INVITEE_STATUSES, INVITEES_PER_PAGE, type Db } from '../../storage/index.ts';
import { roundForStaff, staffOf } from '../auth/staff.ts';
import type { HttpProblem } from '../problem.ts';
import { conflict, invalid, notFound, problemResponses } from '../problem.ts';
import { roundParamsSchema } from '../schemas.ts';
import { inviteeFilterOf, roleCodesOf } from '../services/invitees.ts';

const RUNNERS = ['admin', 'analyst'] as const;

const statusSchema = z
  .enum(INVITEE_STATUSES)
  .describe(
    'the first that holds: submitted, draft (saved a draft), opened (loaded the survey with a valid link), ' +
      'mail_failed (the latest mail failed), invited (has a link or was mailed one), not_invited',
  );

export const inviteeSchema = z
  .object({
    id: z.number().int().describe('the respondent id within the app (used in the paths below)'),
    organisation: z.string(),
    sector: z.string(),
    respondent: z.string().describe('the exchange format’s respondent id'),
    role: z.string().nullable(),
    email: z.string().nullable(),
    status: statusSchema,
    hasLink: z.boolean(),
    firstOpenedAt: z.string().nullable(),
    lastOpenedAt: z.string().nullable(),
    lastMail: z
      .object({ kind: z.string(), outcome: z.string(), at: z.string() })
      .nullable()
      .describe('the latest invitation or reminder mail'),
  })
  .meta({ id: 'Invitee' });

const listQuery = z.object({
  status: z.enum(INVITEE_STATUSES).optional(),
  sector: z.enum(SECTORS).optional(),
  organisation: z.string().max(200).optional().describe('part of the organisation’s name, any case'),
  email: z.string().max(200).optional().describe('part of the e-mail address, any case'),
  page: z.coerce.number().int().min(1).max(1_000_000).optional(),
});

const inviteeParams = roundParamsSchema.extend({ id: z.coerce.number().int().min(1) });

const toJson = (i: Awaited<ReturnType<typeof findInvitees>>['invitees'][number]) => ({
  id: i.respondentId,
  organisation: i.organisation,
  sector: i.sector,
  respondent: i.externalId,
  role: i.role,
  email: i.email,
  status: i.status,
  hasLink: i.hasLink,
  firstOpenedAt: i.firstOpenedAt,
  lastOpenedAt: i.lastOpenedAt,
  lastMail: i.lastMail,
});

/** A refused change as the API says it: 404, 409 or 422 with the field at fault. */
export function refusalProblem(err: InviteeChangeRefused): HttpProblem {
  switch (err.reason) {
    case 'not-found':
      return notFound();
    case 'closed':
      return conflict('round-closed', err.message);
    case 'submitted':
      return conflict('invitee-submitted', err.message);
    case 'duplicate':
    case 'email':
    case 'no-email':
      return invalid('invalid-invitee', err.message, [
        { in: 'body', field: 'email', path: ['email'], message: err.message },
      ]);
    case 'role':
      return invalid('invalid-invitee', err.message, [
        { in: 'body', field: 'role', path: ['role'], message: err.message },
      ]);
  }
}

export const inviteeRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/rounds/:name/invitees',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'The invitees with their status, filtered, 50 to a page, with the count of every status',
        params: roundParamsSchema,
        querystring: listQuery,
        response: {
          200: z.object({
            invitees: z.array(inviteeSchema),
            counts: z.record(z.enum(INVITEE_STATUSES), z.number().int()).describe('under the other filters'),
            total: z.number().int().describe('how many match every filter'),
            page: z.number().int(),
            perPage: z.number().int(),
          }),
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      const { filter, page } = inviteeFilterOf(request.query);
      const found = await findInvitees(db, round.id, filter, page);
      return { ...found, invitees: found.invitees.map(toJson), page, perPage: INVITEES_PER_PAGE };
    },
  );

  app.patch(
    '/api/rounds/:name/invitees/:id',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'Correct an invitee’s e-mail address or role',
        description:
          'A changed address stops the links already given (the mail may have reached the wrong ' +
          'person) unless `keepLinks` says it was only a typo; `revokeLinks` stops them in any case. ' +
          'The next re-send or link file gives a new one. The role must be one of the instrument’s ' +
          'role codes (or null).',
        params: inviteeParams,
        body: z.object({
          email: z.string().max(320),
          role: z.string().max(64).nullable(),
          revokeLinks: z.boolean().optional(),
          keepLinks: z
            .boolean()
            .optional()
            .describe(
              'the address only had a typo: keep its links working (a changed address stops them otherwise)',
            ),
        }),
        response: { 200: inviteeSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      try {
        const updated = await correctInvitee(
          db,
          round,
          request.params.id,
          request.body,
          await roleCodesOf(db, round),
          staffOf(request).email,
        );
        return toJson(updated);
      } catch (err) {
        if (err instanceof InviteeChangeRefused) throw refusalProblem(err);
        throw err;
      }
    },
  );

  app.delete(
    '/api/rounds/:name/invitees/:id',
    {
      config: { access: RUNNERS },
      schema: {
        tags: ['running a round'],
        summary: 'Remove an invitee who has not submitted, with their unsubmitted draft',
        description: 'Someone who has submitted stays (409): their answers are in the round’s figures.',
        params: inviteeParams,
        response: {
          200: z.object({ removed: z.literal(true), draft: z.boolean() }),
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) => {
      const round = await roundForStaff(db, request, request.params.name);
      try {
        const { draft } = await removeInviteeFromRound(db, round, request.params.id, staffOf(request).email);
        return { removed: true as const, draft };
      } catch (err) {
        if (err instanceof InviteeChangeRefused) throw refusalProblem(err);
        throw err;
      }
    },
  );
};
