/**
 * What a plan item or a set of targets may contain, once for the JSON API (zod schemas that
 * also document it) and for the report page's plain HTML forms (strings in, the same rules,
 * errors per field in the page's language). Advice keys and competencies are checked against
 * the round's instrument.
 */
import { z } from 'zod';
import type { Instrument, Lang } from '../../core/instrument/types.ts';
import {
  isAdviceKey,
  isCalendarDate,
  PLAN_LIMITS,
  PLAN_STATUSES,
  type AdviceKey,
} from '../../core/plans/plan.ts';
import { reportT } from '../../i18n/report.ts';
import { competencyScale } from '../../reports/organisation/model/labels.ts';
import type { PlanItemFields, TargetChange } from '../../storage/index.ts';
import { invalid, type ProblemError } from '../problem.ts';

const trimmed = (max: number) => z.string().trim().min(1).max(max);

export const adviceKeySchema = z
  .string()
  .refine(isAdviceKey, 'must be "competency:<id>" or "domain:<id>"')
  .describe('the advice item the action answers, e.g. "competency:leadership"');

const dueDateSchema = z
  .string()
  .refine(isCalendarDate, 'must be a calendar date YYYY-MM-DD')
  .describe('a calendar date, YYYY-MM-DD');

const planItemFields = z.object({
  title: trimmed(PLAN_LIMITS.title),
  owner: trimmed(PLAN_LIMITS.owner).nullable().optional(),
  dueDate: dueDateSchema.nullable().optional(),
  status: z.enum(PLAN_STATUSES).optional().describe('default planned'),
  adviceKey: adviceKeySchema.nullable().optional(),
});

// Each documented schema is its own instance: an OpenAPI id belongs to exactly one.
export const planItemCreateSchema = planItemFields.meta({ id: 'PlanItemCreate' });

export const planItemPatchSchema = planItemFields
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'nothing to change')
  .meta({ id: 'PlanItemPatch' });

export const targetsBodySchema = z
  .object({
    targets: z
      .array(
        z.object({
          competency: z.string().max(64),
          target: z.number().finite().nullable().describe('null removes the target'),
        }),
      )
      .max(100),
  })
  .meta({ id: 'TargetsUpdate' });

type PlanBody = z.infer<typeof planItemFields>;

/** A key the instrument knows: a competency or domain of this instrument. */
export function knownAdviceKey(instrument: Instrument, key: string): key is AdviceKey {
  if (!isAdviceKey(key)) return false;
  const [kind, id] = key.split(':') as [string, string];
  const list = kind === 'competency' ? instrument.def.competencies : instrument.def.domains;
  return list.some((x) => x.id === id);
}

/** The fields to store, with undefined (not given) kept apart from null (cleared). */
export function toPlanFields<T extends Partial<PlanBody>>(body: T): Partial<PlanItemFields> {
  const out: { -readonly [K in keyof PlanItemFields]?: PlanItemFields[K] } = {};
  if (body.title !== undefined) out.title = body.title;
  if (body.owner !== undefined) out.owner = body.owner;
  if (body.dueDate !== undefined) out.dueDate = body.dueDate;
  if (body.status !== undefined) out.status = body.status;
  if (body.adviceKey !== undefined) out.adviceKey = body.adviceKey as AdviceKey | null;
  return out;
}

/** 422 for an advice key of another instrument (the shape was checked by the schema). */
export function checkAdviceKey(instrument: Instrument, key: string | null | undefined): void {
  if (key == null || knownAdviceKey(instrument, key)) return;
  throw invalid('invalid-plan-item', 'The advice key is not one of this round’s competencies or domains.', [
    { in: 'body', field: 'adviceKey', path: ['adviceKey'], message: 'unknown competency or domain' },
  ]);
}

/** 422 listing every target that names no competency or lies outside the score scale. */
export function checkTargets(instrument: Instrument, changes: readonly TargetChange[]): void {
  const scale = competencyScale(instrument);
  const known = new Set(instrument.def.competencies.map((c) => c.id));
  const errors: ProblemError[] = [];
  changes.forEach((c, i) => {
    if (!known.has(c.competency))
      errors.push({
        in: 'body',
        field: `targets[${i}].competency`,
        path: ['targets', i, 'competency'],
        message: 'unknown competency',
      });
    else if (c.target !== null && (c.target < scale.min || c.target > scale.max))
      errors.push({
        in: 'body',
        field: `targets[${i}].target`,
        path: ['targets', i, 'target'],
        message: `must be between ${scale.min} and ${scale.max}`,
      });
  });
  if (errors.length > 0) throw invalid('invalid-targets', 'Some targets are not valid; see errors.', errors);
}

// ------------------------------------------------------------------- HTML forms

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

const blankToNull = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

/** A plan item from a form: blank optional fields clear them. */
export function planItemFromForm(
  instrument: Instrument,
  form: Readonly<Record<string, string | undefined>>,
  lang: Lang,
  withStatus: boolean,
): FormResult<PlanItemFields> {
  const t = reportT(lang);
  const errors: Record<string, string> = {};
  const title = (form.title ?? '').trim();
  if (title === '') errors.title = t('forms.required');
  else if (title.length > PLAN_LIMITS.title) errors.title = t('forms.tooLong', { max: PLAN_LIMITS.title });
  const owner = blankToNull(form.owner);
  if (owner !== null && owner.length > PLAN_LIMITS.owner)
    errors.owner = t('forms.tooLong', { max: PLAN_LIMITS.owner });
  const dueDate = blankToNull(form.dueDate);
  if (dueDate !== null && !isCalendarDate(dueDate)) errors.dueDate = t('forms.badDate');
  const status = form.status ?? 'planned';
  if (withStatus && !(PLAN_STATUSES as readonly string[]).includes(status))
    errors.status = t('forms.badStatus');
  const adviceKey = blankToNull(form.adviceKey);
  if (adviceKey !== null && !knownAdviceKey(instrument, adviceKey)) errors.adviceKey = t('forms.badAdvice');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      title,
      owner,
      dueDate,
      ...(withStatus ? { status: status as PlanItemFields['status'] } : {}),
      adviceKey: adviceKey as AdviceKey | null,
    },
  };
}

/** Targets from a form: one field `target.<competency>` each; blank removes, a comma is a decimal point. */
export function targetsFromForm(
  instrument: Instrument,
  form: Readonly<Record<string, string | undefined>>,
  lang: Lang,
): FormResult<TargetChange[]> {
  const t = reportT(lang);
  const scale = competencyScale(instrument);
  const errors: Record<string, string> = {};
  const changes: TargetChange[] = [];
  for (const c of instrument.def.competencies) {
    const field = `target.${c.id}`;
    const raw = form[field];
    if (raw === undefined) continue;
    const text = raw.trim().replace(',', '.');
    if (text === '') {
      changes.push({ competency: c.id, target: null });
      continue;
    }
    const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value) || value < scale.min || value > scale.max) {
      errors[field] = t('forms.badTarget', { min: scale.min, max: scale.max });
      continue;
    }
    changes.push({ competency: c.id, target: value });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: changes };
}
