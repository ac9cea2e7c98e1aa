import type { PlanItem } from '../../core/plans/plan.ts';
import type { Db } from '../database.ts';
import { toPlanItem } from './rows.ts';
import { plansKysely, type PlanScope } from './schema.ts';

/** The plan of one organisation in one round, in the order the items were made. */
export async function listPlanItems(db: Db, scope: PlanScope): Promise<PlanItem[]> {
  const rows = await plansKysely(db)
    .selectFrom('plan_items')
    .selectAll()
    .where('organisation_id', '=', scope.organisationId)
    .where('round_id', '=', scope.roundId)
    .orderBy('id')
    .execute();
  return rows.map(toPlanItem);
}
