import type { PlanItem } from '../../core/plans/plan.ts';
import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';
import { checkPlanItem, type PlanItemFields } from './check-plan-item.ts';
import { toPlanItem } from './rows.ts';
import { plansKysely, type PlanScope } from './schema.ts';

/**
 * Changes the given fields of a plan item. The item must belong to the scope: an id from
 * another organisation is "not found" (undefined), never changed.
 */
export async function updatePlanItem(
  db: Db,
  scope: PlanScope,
  id: number,
  changes: Partial<PlanItemFields>,
  actor: string,
): Promise<PlanItem | undefined> {
  checkPlanItem(changes);
  const row = await plansKysely(db)
    .updateTable('plan_items')
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.owner !== undefined ? { owner: changes.owner } : {}),
      ...(changes.dueDate !== undefined ? { due_date: changes.dueDate } : {}),
      ...(changes.status !== undefined ? { status: changes.status } : {}),
      ...(changes.adviceKey !== undefined ? { advice_key: changes.adviceKey } : {}),
      updated_by: actor,
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .where('organisation_id', '=', scope.organisationId)
    .where('round_id', '=', scope.roundId)
    .returningAll()
    .executeTakeFirst();
  return row ? toPlanItem(row) : undefined;
}
