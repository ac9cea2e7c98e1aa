/** Rounds and their invitations (staff). */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SECTORS } from '../../core/exchange/types.ts';
import { listRounds, type Db } from '../../storage/index.ts';
import { ROUND_STATUSES } from '../../storage/schema.ts';
import { inviteToRound } from '../data/invitations.ts';
import { updateRound } from '../data/rounds.ts';
import { problemResponses } from '../problem.ts';
import {
  kMinSchema,
  langSchema,
  respondentMinSchema,
  localTextSchema,
  roundNameSchema,
  roundParamsSchema,
  roundSchema,
  roundView,
  timestampSchema,
} from '../schemas.ts';
import { createRoundFromBuiltin } from '../services/create-round.ts';
import { canRunRound, roundForStaff, staffOf } from '../auth/staff.ts';

const STAFF = ['admin', 'analyst'] as const;
const ADMIN = ['admin'] as const;

const createRoundBody = z.object({
  name: roundNameSchema,
  title: localTextSchema.optional(),
  instrument: z.string().max(64).default('dt-offentlig').describe('a built-in instrument id'),
  opensAt: timestampSchema.nullable().optional(),
  closesAt: timestampSchema.nullable().optional(),
  kMin: kMinSchema.optional(),
  respondentMin: respondentMinSchema.optional(),
  languages: z.array(langSchema).min(1).optional(),
  organiser: z.string().trim().max(200).optional().describe('who runs the round, shown to respondents'),
});

const patchRoundBody = z
  .object({
    status: z
      .enum(ROUND_STATUSES)
      .optional()
      .describe('draft → open → closed, forward only; closed → open only with reopen: true'),
    reopen: z
      .literal(true)
      .optional()
      .describe('with status open: reopen a closed round (answers may change again; audited)'),
    title: localTextSchema.optional(),
    opensAt: timestampSchema.nullable().optional(),
    closesAt: timestampSchema.nullable().optional(),
    kMin: kMinSchema.optional(),
    respondentMin: respondentMinSchema.optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');

const inviteBody = z.object({
  organisation: z.string().trim().min(1).max(200),
  sector: z.enum(SECTORS),
  respondent: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('the id in the exchange format; a random one when omitted'),
  role: z.string().max(64).optional(),
  email: z.email().max(320).optional(),
});

const invitationSchema = z.object({
  token: z.string().describe('shown once: the respondent opens /api/survey/{token}; only its hash is stored'),
  organisation: z.string(),
  respondent: z.string(),
  role: z.string().nullable(),
});

export const roundRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/rounds',
    {
      config: { access: STAFF },
      schema: {
        tags: ['rounds'],
        summary: 'All rounds',
        response: { 200: z.array(roundSchema), ...problemResponses(401, 403) },
      },
    },
    async (request) => {
      // Analysts see the rounds they run; administrators all of them.
      const rounds = [];
      for (const round of await listRounds(db)) if (await canRunRound(db, request, round)) rounds.push(round);
      return rounds.map(roundView);
    },
  );

  app.post(
    '/api/rounds',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['rounds'],
        summary: 'Create a round (status draft)',
        body: createRoundBody,
        response: { 201: roundSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { instrument, name, title, opensAt, closesAt, kMin, respondentMin, languages, organiser } =
        request.body;
      const round = await createRoundFromBuiltin(
        db,
        instrument,
        {
          name,
          ...(title ? { title } : {}),
          opensAt: opensAt ?? null,
          closesAt: closesAt ?? null,
          ...(kMin !== undefined ? { kMin } : {}),
          ...(respondentMin !== undefined ? { respondentMin } : {}),
          ...(languages ? { languages } : {}),
          ...(organiser ? { organiser } : {}),
        },
        staffOf(request),
      );
      return reply.code(201).send(roundView(round));
    },
  );

  app.get(
    '/api/rounds/:name',
    {
      config: { access: STAFF },
      schema: {
        tags: ['rounds'],
        summary: 'One round',
        params: roundParamsSchema,
        response: { 200: roundSchema, ...problemResponses(401, 403, 404) },
      },
    },
    async (request) => roundView(await roundForStaff(db, request, request.params.name)),
  );

  app.patch(
    '/api/rounds/:name',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['rounds'],
        summary: 'Change status (draft → open → closed; an admin may reopen), dates, k or title',
        params: roundParamsSchema,
        body: patchRoundBody,
        response: { 200: roundSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => {
      const { title, reopen, ...rest } = request.body;
      const patch = { ...rest, ...(title ? { title } : {}) };
      return roundView(
        await updateRound(db, request.params.name, patch, request.staff!.email, { reopen: reopen === true }),
      );
    },
  );

  app.post(
    '/api/rounds/:name/respondents',
    {
      config: { access: ADMIN },
      schema: {
        tags: ['rounds'],
        summary: 'Invite a respondent; returns the invitation token once',
        params: roundParamsSchema,
        body: inviteBody,
        response: { 201: invitationSchema, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      const { respondent, organisation, token } = await inviteToRound(
        db,
        request.params.name,
        request.body,
        request.staff!.email,
      );
      reply.header('cache-control', 'no-store');
      return reply
        .code(201)
        .send({ token, organisation, respondent: respondent.externalId, role: respondent.role });
    },
  );
};
