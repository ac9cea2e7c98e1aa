import type { Db } from '../database.ts';
import { plansKysely, type PlanScope } from './schema.ts';

/** Removes a plan item of the scope; false when there is no such item there. */
export async function deletePlanItem(db: Db, scope: PlanScope, id: number): Promise<boolean> {
  const result = await plansKysely(db)
    .deleteFrom('plan_items')
    .where('id', '=', id)
    .where('organisation_id', '=', scope.organisationId)
    .where('round_id', '=', scope.roundId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
