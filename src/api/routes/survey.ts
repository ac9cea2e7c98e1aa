/**
 * The respondent's side: the invitation link's token is the only credential. Answers are
 * checked with the core's rules on every save (drafts need not be complete; a submission
 * must be).
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { validateAnswers } from '../../core/answers/validate.ts';
import { prefilledAnswers } from '../../core/instrument/role-item.ts';
import type { Answers } from '../../core/instrument/types.ts';
import {
  getCurrentSubmission,
  getDraft,
  recordSurveyOpened,
  saveDraftGrouped,
  type Db,
  type RespondentContext,
} from '../../storage/index.ts';
import { invalid, problemResponses, type ProblemError } from '../problem.ts';
import { answersSchema, langSchema, localTextSchema, storedAnswersSchema } from '../schemas.ts';
import { instrumentOf } from '../services/instruments.ts';
import { submitAnswers } from '../services/submit.ts';

const DRAFT_BODY_LIMIT = 256 * 1024;

const tokenParams = z.object({ token: z.string().max(200) });

const surveySchema = z
  .object({
    round: z.object({
      name: z.string(),
      title: localTextSchema,
      status: z.enum(['draft', 'open', 'closed']),
      opensAt: z.string().nullable(),
      closesAt: z.string().nullable(),
      languages: z.array(langSchema),
      intro: localTextSchema.nullable(),
      organiser: z.string().nullable().describe('who runs the round'),
      kMin: z.number().int().describe('fewest organisations behind any figure other organisations see'),
      respondentMin: z
        .number()
        .int()
        .describe('fewest respondents behind a figure about a group inside the organisation'),
    }),
    instrument: z.object({ id: z.string(), version: z.string() }),
    organisation: z.object({ name: z.string() }),
    respondent: z.object({ id: z.string(), role: z.string().nullable() }),
    prefill: storedAnswersSchema.describe(
      'answers to start with where the draft (or submission) has none: the role given in the invitation file',
    ),
    draft: z
      .object({ answers: storedAnswersSchema, revision: z.number().int(), updatedAt: z.string() })
      .nullable(),
    submission: z
      .object({ id: z.number().int(), submittedAt: z.string(), answers: storedAnswersSchema })
      .nullable(),
  })
  .meta({ id: 'Survey' });

const submissionSchema = z.object({ id: z.number().int(), submittedAt: z.string(), created: z.boolean() });

/** Stored answers are frozen-by-type (readonly arrays); the response schema only reads them. */
const asStored = (answers: Answers) => answers as z.infer<typeof storedAnswersSchema>;

/** The onRequest hook has put it there; a respondent route never runs without it. */
const who = (request: FastifyRequest): RespondentContext => request.respondent!;

async function checkAnswers(db: Db, context: RespondentContext, answers: Answers, complete: boolean) {
  const instrument = await instrumentOf(db, context.round.instrument);
  const problems = validateAnswers(instrument, answers, { requireComplete: complete });
  if (problems.length === 0) return;
  const errors: ProblemError[] = problems.map((p) => ({
    in: 'body',
    field: `answers.${p.answerId}`,
    path: ['answers', p.answerId],
    message: p.message,
    code: p.code,
  }));
  throw invalid(
    'invalid-answers',
    `${problems.length} answer${problems.length === 1 ? ' is' : 's are'} not valid; see errors.`,
    errors,
  );
}

export const surveyRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/survey/:token',
    {
      config: { access: 'respondent' },
      schema: {
        tags: ['survey'],
        summary: "The respondent's survey: round, organisation, saved draft and submission",
        params: tokenParams,
        response: { 200: surveySchema, ...problemResponses(404) },
      },
    },
    async (request) => {
      const { round, organisation, respondent } = who(request);
      const [draft, submission, instrument] = await Promise.all([
        getDraft(db, respondent.id),
        getCurrentSubmission(db, respondent.id),
        instrumentOf(db, round.instrument),
        // The survey was opened with a valid link (the invitee list's "opened"). Best effort:
        // reading one's survey must work when the database cannot write (a full disk).
        recordSurveyOpened(db, respondent.id).catch((err: unknown) =>
          request.log.warn({ err }, 'could not note that the survey was opened'),
        ),
      ]);
      return {
        round: {
          name: round.name,
          title: round.title,
          status: round.status,
          opensAt: round.opensAt,
          closesAt: round.closesAt,
          languages: [...round.languages],
          intro: round.intro,
          organiser: round.organiser,
          kMin: round.kMin,
          respondentMin: round.respondentMin,
        },
        instrument: { id: round.instrument.id, version: round.instrument.version },
        organisation: { name: organisation.name },
        respondent: { id: respondent.externalId, role: respondent.role },
        prefill: asStored(prefilledAnswers(instrument, respondent.role)),
        draft: draft
          ? { answers: asStored(draft.answers), revision: draft.revision, updatedAt: draft.updatedAt }
          : null,
        submission: submission
          ? { id: submission.id, submittedAt: submission.submittedAt, answers: asStored(submission.answers) }
          : null,
      };
    },
  );

  app.put(
    '/api/survey/:token/draft',
    {
      config: { access: 'respondent' },
      bodyLimit: DRAFT_BODY_LIMIT,
      schema: {
        tags: ['survey'],
        summary: 'Autosave: store the answers so far (need not be complete)',
        description:
          '`revision` is the revision the client last saw (0 before the first save). A stale revision ' +
          'gives 409 with `currentRevision`, so another tab is never overwritten silently.',
        params: tokenParams,
        body: z.object({ answers: answersSchema, revision: z.number().int().min(0) }),
        response: {
          200: z.object({ revision: z.number().int(), updatedAt: z.string() }),
          ...problemResponses(400, 404, 409, 413, 422),
        },
      },
    },
    async (request) => {
      const context = who(request);
      const { answers, revision } = request.body;
      await checkAnswers(db, context, answers, false);
      const saved = await saveDraftGrouped(db, context.respondent.id, answers, revision);
      return { revision: saved.revision, updatedAt: saved.updatedAt };
    },
  );

  app.post(
    '/api/survey/:token/submit',
    {
      config: { access: 'respondent' },
      bodyLimit: DRAFT_BODY_LIMIT,
      schema: {
        tags: ['survey'],
        summary: 'Submit the answers (must be complete)',
        description:
          'Idempotent: the same answers again return the same submission with 200. Other answers while ' +
          'the round is open give a new submission (201) that supersedes the previous one.',
        params: tokenParams,
        body: z.object({ answers: answersSchema }),
        response: {
          200: submissionSchema,
          201: submissionSchema,
          ...problemResponses(400, 404, 409, 413, 422),
        },
      },
    },
    async (request, reply) => {
      const context = who(request);
      const { answers } = request.body;
      await checkAnswers(db, context, answers, true);
      const result = await submitAnswers(db, context, answers);
      return reply
        .code(result.created ? 201 : 200)
        .send({ id: result.id, submittedAt: result.submittedAt, created: result.created });
    },
  );
};
