/**
 * Writing a portfolio. Checking is the caller's (the service runs the core's validation over
 * the whole portfolio first); the database's constraints are the last line of defence. Every
 * function takes a `Db` that may be a transaction, so an import lands whole or not at all.
 */
import type { Initiative, Realisation } from '../../core/portfolio/types.ts';
import { initiativeKey } from '../../core/portfolio/types.ts';
import type { PortfolioSettings } from '../../core/portfolio/settings.ts';
import type { Db } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { nowIso } from '../time.ts';
import { initiativeColumns, portfolioKysely, toInitiative, type StoredInitiative } from './schema.ts';

/** Adds an initiative, or changes the one with `id` (which must be the organisation's). */
export async function saveInitiative(
  db: Db,
  organisationId: number,
  initiative: Initiative,
  actor: string,
  id?: number,
): Promise<StoredInitiative> {
  const k = portfolioKysely(db);
  const now = nowIso();
  const values = initiativeColumns(initiative);
  const row =
    id === undefined
      ? await k
          .insertInto('portfolio_initiatives')
          .values({
            ...values,
            organisation_id: organisationId,
            created_by: actor,
            created_at: now,
            updated_by: actor,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
      : await k
          .updateTable('portfolio_initiatives')
          .set({ ...values, updated_by: actor, updated_at: now })
          .where('id', '=', id)
          .where('organisation_id', '=', organisationId)
          .returningAll()
          .executeTakeFirst();
  if (!row) throw new NotFoundError('initiative', String(id));
  return toInitiative(row, initiative.organisation);
}

/** Initiatives by name: a name already there is changed, a new one added. Returns how many of each. */
export async function upsertInitiatives(
  db: Db,
  organisationId: number,
  initiatives: readonly Initiative[],
  actor: string,
): Promise<{ added: number; changed: number }> {
  return db.transaction(async (tx) => {
    const existing = await portfolioKysely(tx)
      .selectFrom('portfolio_initiatives')
      .select(['id', 'name_key'])
      .where('organisation_id', '=', organisationId)
      .execute();
    const ids = new Map(existing.map((r) => [r.name_key, Number(r.id)]));
    let added = 0;
    for (const i of initiatives) {
      const id = ids.get(initiativeKey(i.initiative));
      if (id === undefined) added++;
      await saveInitiative(tx, organisationId, i, actor, id);
    }
    return { added, changed: initiatives.length - added };
  });
}

/** Realised gains by initiative name and month; a month already given is replaced. */
export async function upsertRealisations(
  db: Db,
  organisationId: number,
  realisations: readonly Realisation[],
  actor: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const k = portfolioKysely(tx);
    const rows = await k
      .selectFrom('portfolio_initiatives')
      .select(['id', 'name_key'])
      .where('organisation_id', '=', organisationId)
      .execute();
    const ids = new Map(rows.map((r) => [r.name_key, Number(r.id)]));
    const now = nowIso();
    for (const r of realisations) {
      const initiativeId = ids.get(initiativeKey(r.initiative));
      if (initiativeId === undefined) throw new NotFoundError('initiative', r.initiative);
      const values = {
        realised_hours: r.realisedHours,
        realised_dkk: r.realisedDkk,
        updated_by: actor,
        updated_at: now,
      };
      await k
        .insertInto('portfolio_realisations')
        .values({ initiative_id: initiativeId, month: r.month, ...values })
        .onConflict((oc) => oc.columns(['initiative_id', 'month']).doUpdateSet(values))
        .execute();
    }
    return realisations.length;
  });
}

export async function savePortfolioSettings(
  db: Db,
  organisationId: number,
  s: PortfolioSettings,
  actor: string,
): Promise<void> {
  const values = {
    hourly_cost_dkk: s.hourlyCostDkk,
    hours_per_fte: s.hoursPerFte,
    discount_rate: s.discountRate,
    horizon_years: s.horizonYears,
    updated_by: actor,
    updated_at: nowIso(),
  };
  await portfolioKysely(db)
    .insertInto('portfolio_settings')
    .values({ organisation_id: organisationId, ...values })
    .onConflict((oc) => oc.column('organisation_id').doUpdateSet(values))
    .execute();
}
