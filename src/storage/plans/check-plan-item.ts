/**
 * The rules a plan item must follow, checked before any write (the database CHECKs repeat
 * them as a last line of defence). Callers validate user input first; this catches the rest.
 */
import {
  isAdviceKey,
  isCalendarDate,
  PLAN_LIMITS,
  PLAN_STATUSES,
  type AdviceKey,
  type PlanStatus,
} from '../../core/plans/plan.ts';
import { InvalidInputError } from '../errors.ts';

export interface PlanItemFields {
  readonly title: string;
  readonly owner?: string | null;
  readonly dueDate?: string | null;
  readonly status?: PlanStatus;
  readonly adviceKey?: AdviceKey | null;
}

export function checkPlanItem(fields: Partial<PlanItemFields>): void {
  const { title, owner, dueDate, status, adviceKey } = fields;
  if (title !== undefined && (title.trim() !== title || title.length < 1 || title.length > PLAN_LIMITS.title))
    throw new InvalidInputError(`A plan item's title must be trimmed and 1–${PLAN_LIMITS.title} characters`);
  if (owner != null && (owner.trim() !== owner || owner.length < 1 || owner.length > PLAN_LIMITS.owner))
    throw new InvalidInputError(`A plan item's owner must be trimmed and 1–${PLAN_LIMITS.owner} characters`);
  if (dueDate != null && !isCalendarDate(dueDate))
    throw new InvalidInputError('A due date must be a calendar date YYYY-MM-DD');
  if (status !== undefined && !PLAN_STATUSES.includes(status))
    throw new InvalidInputError(`Unknown plan status ${JSON.stringify(status)}`);
  if (adviceKey != null && !isAdviceKey(adviceKey))
    throw new InvalidInputError(`Not an advice key: ${JSON.stringify(adviceKey)}`);
}
