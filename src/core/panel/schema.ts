/**
 * A panel of individuals (a citizen panel): respondents who belong to no organisation, each
 * with a survey weight. Declared by the instrument's `panel` block; its figures are weighted
 * shares with intervals (figures.ts), not means over organisations.
 */
import { z } from 'zod';
import type { AnswerValue } from '../instrument/types.ts';

const key = z.string().regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, 'must be a key such as "agree"');
const id = z
  .string()
  .regex(/^[a-z][a-zA-Z0-9_-]*(\.[a-z][a-zA-Z0-9_-]*)*$/, 'must be a dotted identifier such as "bg.age"');

export const panelSchema = z.strictObject({
  /** Items with published shares: a scale item by `categories`, a choice item by every option. */
  items: z.array(id).min(1),
  /** Named groups of scale points, e.g. agree: [4, 5]; each a share of a scale item's answers. */
  categories: z.record(key, z.array(z.number().int()).min(1)).default({}),
  /** Choice items the shares are broken down by (age band, region). */
  breakdowns: z.array(id).default([]),
  /** Fewest respondents behind a published breakdown cell (a round may raise it; never below 5). */
  minCell: z.number().int().min(5).default(10),
});
export type PanelDef = z.infer<typeof panelSchema>;

/** The floor no setting goes below: a smaller cell says too much about its few people. */
export const MIN_CELL_FLOOR = 5;

/** One respondent of a panel: an id, a positive weight (1 when the file gives none), answers. */
export interface PanelRespondent {
  readonly id: string;
  readonly weight: number;
  readonly answers: Readonly<Record<string, AnswerValue>>;
}
