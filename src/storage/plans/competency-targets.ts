/**
 * Target levels per competency, set by an organisation in one round for its next round.
 * Setting is a merge: a number sets or replaces a competency's target, null removes it, and
 * competencies not mentioned keep theirs.
 */
import type { CompetencyTarget } from '../../core/targets/targets.ts';
import type { Db } from '../database.ts';
import { InvalidInputError } from '../errors.ts';
import { codePointOrder } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { plansKysely, type PlanScope } from './schema.ts';

export async function listCompetencyTargets(db: Db, scope: PlanScope): Promise<CompetencyTarget[]> {
  const rows = await plansKysely(db)
    .selectFrom('competency_targets')
    .select(['competency', 'target'])
    .where('organisation_id', '=', scope.organisationId)
    .where('round_id', '=', scope.roundId)
    .orderBy(codePointOrder(db, 'competency'))
    .execute();
  return rows.map((r) => ({ competency: r.competency, target: Number(r.target) }));
}

export interface TargetChange {
  readonly competency: string;
  readonly target: number | null;
}

export async function setCompetencyTargets(
  db: Db,
  scope: PlanScope,
  changes: readonly TargetChange[],
  actor: string,
): Promise<CompetencyTarget[]> {
  for (const c of changes) {
    if (!/^[a-z][a-zA-Z0-9_-]*$/.test(c.competency))
      throw new InvalidInputError(`Not a competency id: ${JSON.stringify(c.competency)}`);
    if (c.target !== null && !Number.isFinite(c.target))
      throw new InvalidInputError(`The target for ${c.competency} is not a number`);
  }
  return db.transaction(async (tx) => {
    const q = plansKysely(tx);
    const now = nowIso();
    for (const c of changes) {
      const target = c.target;
      if (target === null) {
        await q
          .deleteFrom('competency_targets')
          .where('organisation_id', '=', scope.organisationId)
          .where('round_id', '=', scope.roundId)
          .where('competency', '=', c.competency)
          .execute();
        continue;
      }
      await q
        .insertInto('competency_targets')
        .values({
          organisation_id: scope.organisationId,
          round_id: scope.roundId,
          competency: c.competency,
          target,
          updated_by: actor,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['organisation_id', 'round_id', 'competency'])
            .doUpdateSet({ target, updated_by: actor, updated_at: now }),
        )
        .execute();
    }
    return listCompetencyTargets(tx, scope);
  });
}
