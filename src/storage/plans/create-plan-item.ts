import type { PlanItem } from '../../core/plans/plan.ts';
import type { Db } from '../database.ts';
import { nowIso } from '../time.ts';
import { checkPlanItem, type PlanItemFields } from './check-plan-item.ts';
import { toPlanItem } from './rows.ts';
import { plansKysely, type PlanScope } from './schema.ts';

export async function createPlanItem(
  db: Db,
  scope: PlanScope,
  fields: PlanItemFields,
  actor: string,
): Promise<PlanItem> {
  checkPlanItem(fields);
  const now = nowIso();
  const row = await plansKysely(db)
    .insertInto('plan_items')
    .values({
      organisation_id: scope.organisationId,
      round_id: scope.roundId,
      title: fields.title,
      owner: fields.owner ?? null,
      due_date: fields.dueDate ?? null,
      status: fields.status ?? 'planned',
      advice_key: fields.adviceKey ?? null,
      created_by: actor,
      created_at: now,
      updated_by: actor,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toPlanItem(row);
}
