/**
 * An organisation's action plan: what it decides to do about its advice, who owns it and by
 * when. The shape and its limits live here so that storage, the API, the forms and the report
 * agree on them.
 */

export const PLAN_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_LIMITS = { title: 200, owner: 120 } as const;

/** `competency:leadership`, `domain:services`: which advice item a plan item answers. */
export type AdviceKey = `${'competency' | 'domain'}:${string}`;

export const adviceKey = (kind: 'competency' | 'domain', id: string): AdviceKey => `${kind}:${id}`;

export function isAdviceKey(value: string): value is AdviceKey {
  return /^(competency|domain):[a-z][a-zA-Z0-9_-]*$/.test(value);
}

export interface PlanItem {
  readonly id: number;
  readonly title: string;
  readonly owner: string | null;
  /** A calendar date, `YYYY-MM-DD`. */
  readonly dueDate: string | null;
  readonly status: PlanStatus;
  readonly adviceKey: AdviceKey | null;
  readonly createdBy: string;
  readonly createdAt: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

/** A real calendar date in `YYYY-MM-DD` form (2026-02-30 is not). */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/**
 * A closed round's plan and targets are its record: they are shown but no longer changed (the
 * next round gets its own plan). The forms are hidden and the server refuses writes.
 */
export const planIsEditable = (roundStatus: string): boolean => roundStatus !== 'closed';

/**
 * Overdue: due before `today` (both `YYYY-MM-DD`, the organisation's local calendar day) and
 * neither done nor cancelled.
 */
export function isOverdue(item: Pick<PlanItem, 'dueDate' | 'status'>, today: string): boolean {
  return (
    item.dueDate !== null && item.dueDate < today && item.status !== 'done' && item.status !== 'cancelled'
  );
}
