import type { Selectable } from 'kysely';
import type { AdviceKey, PlanItem, PlanStatus } from '../../core/plans/plan.ts';
import type { PlanItemsTable } from './schema.ts';

export function toPlanItem(r: Selectable<PlanItemsTable>): PlanItem {
  return {
    id: r.id,
    title: r.title,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status as PlanStatus,
    adviceKey: r.advice_key as AdviceKey | null,
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedBy: r.updated_by,
    updatedAt: r.updated_at,
  };
}
