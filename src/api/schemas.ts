/** Zod schemas shared by several routes; they validate requests and generate the OpenAPI document. */
import { z } from 'zod';
import {
  K_FLOOR,
  K_FLOOR_MESSAGE,
  RESPONDENT_FLOOR,
  RESPONDENT_FLOOR_MESSAGE,
} from '../core/disclosure/policy.ts';
import { MAX_CELL_LENGTH } from '../core/exchange/parse.ts';
import { ROUND_STATUSES } from '../storage/schema.ts';
import type { Round } from '../storage/index.ts';

export const langSchema = z.enum(['da', 'en']);

export const localTextSchema = z
  .object({ da: z.string().min(1).max(500), en: z.string().min(1).max(500).optional() })
  .meta({ id: 'LocalText', description: 'a text in Danish and, optionally, English' });

/** Bounded like a cell of the exchange format, so the API accepts nothing an export could not carry. */
const answerValueSchema = z.union([
  z.number().finite(),
  z.string().max(MAX_CELL_LENGTH),
  z.array(z.string().max(200)).max(100),
]);

/** Answers keyed by answer id. `null` clears an answer (autosave sends what the form shows). */
export const answersSchema = z
  .record(z.string().min(1).max(200), answerValueSchema.nullable())
  .refine((a) => Object.keys(a).length <= 1000, 'too many answers')
  .transform(
    (a) =>
      Object.fromEntries(Object.entries(a).filter(([, v]) => v !== null)) as Record<
        string,
        z.infer<typeof answerValueSchema>
      >,
  )
  .meta({
    id: 'Answers',
    description:
      'answers keyed by answer id (e.g. "why.importance"): numbers for scales, ranks and numbers; ' +
      'an option value for a choice (a list for multiple choice); text; "dont_know" / "not_relevant" where allowed',
  });

export const roundNameSchema = z
  .string()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u, 'must be 1–64 letters, digits, ".", "_" or "-"');

export const timestampSchema = z.iso.datetime({ offset: true });

export const roundSchema = z
  .object({
    name: z.string(),
    title: localTextSchema,
    instrument: z.object({ id: z.string(), version: z.string() }),
    status: z.enum(ROUND_STATUSES),
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    kMin: z.number().int(),
    respondentMin: z.number().int(),
    languages: z.array(langSchema),
    organiser: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Round' });

export type RoundView = z.infer<typeof roundSchema>;

export function roundView(round: Round): RoundView {
  return {
    name: round.name,
    title: round.title,
    instrument: { id: round.instrument.id, version: round.instrument.version },
    status: round.status,
    opensAt: round.opensAt,
    closesAt: round.closesAt,
    kMin: round.kMin,
    respondentMin: round.respondentMin,
    languages: [...round.languages],
    organiser: round.organiser,
    createdAt: round.createdAt,
  };
}

export const roundParamsSchema = z.object({ name: roundNameSchema });

export const storedAnswersSchema = z
  .record(z.string(), answerValueSchema)
  .meta({ id: 'StoredAnswers', description: 'answers keyed by answer id, as stored' });

/** k of a round: organisations per figure. The floor's reason is the error message. */
export const kMinSchema = z
  .number()
  .int(K_FLOOR_MESSAGE)
  .min(K_FLOOR, K_FLOOR_MESSAGE)
  .describe('smallest number of organisations behind any figure others see (default 5, at least 3)');

/** The respondent minimum of a round: respondents per group figure inside one organisation. */
export const respondentMinSchema = z
  .number()
  .int(RESPONDENT_FLOOR_MESSAGE)
  .min(RESPONDENT_FLOOR, RESPONDENT_FLOOR_MESSAGE)
  .describe(
    'smallest group of respondents inside one organisation whose figures are shown (default 3, at least 2)',
  );
