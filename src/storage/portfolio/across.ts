/**
 * What the portfolio's figures across organisations are made of: every organisation's
 * portfolio in a few queries (not one organisation at a time), and the log of cells shown
 * before (migration 0022). The rules are the core's (src/core/portfolio/across.ts).
 */
import { sql } from 'kysely';
import type { Publication } from '../../core/portfolio/across.ts';
import { DEFAULT_SETTINGS, type PortfolioSettings } from '../../core/portfolio/settings.ts';
import type { Realisation } from '../../core/portfolio/types.ts';
import type { Db } from '../database.ts';
import type { Schema, Timestamp } from '../schema.ts';
import { nowIso } from '../time.ts';
import { portfolioKysely, toInitiative, type StoredInitiative } from './schema.ts';
import type { Generated, Kysely } from 'kysely';

interface PublicationsTable {
  id: Generated<number>;
  cell: string;
  as_of: string;
  k: number;
  members: string;
  cell_values: string;
  published_by: string;
  published_at: Timestamp;
}
const publications = (db: Db) =>
  db.kysely as unknown as Kysely<Schema & { portfolio_publications: PublicationsTable }>;

export interface PortfolioOfOrganisation {
  readonly organisationId: number;
  readonly organisation: string;
  readonly sector: string;
  readonly initiatives: readonly StoredInitiative[];
  readonly realisations: readonly Realisation[];
  readonly settings: PortfolioSettings;
}

/** Every organisation with at least one initiative, with its realisations and settings. */
export async function readAllPortfolios(db: Db): Promise<PortfolioOfOrganisation[]> {
  const k = portfolioKysely(db);
  const orgs = await k
    .selectFrom('organisations')
    .select(['id', 'name', 'sector'])
    .where('id', 'in', k.selectFrom('portfolio_initiatives').select('organisation_id'))
    .orderBy('id')
    .execute();
  const rows = await k.selectFrom('portfolio_initiatives').selectAll().orderBy('id').execute();
  const realised = await k
    .selectFrom('portfolio_realisations')
    .select(['initiative_id', 'month', 'realised_hours', 'realised_dkk'])
    .orderBy('month')
    .orderBy('initiative_id')
    .execute();
  const settings = await k.selectFrom('portfolio_settings').selectAll().execute();
  const nameOf = new Map(orgs.map((o) => [Number(o.id), o.name]));
  const initiatives = new Map<number, StoredInitiative[]>();
  const owner = new Map<number, { org: number; name: string }>();
  for (const r of rows) {
    const org = Number(r.organisation_id);
    const i = toInitiative(r, nameOf.get(org) ?? '');
    initiatives.set(org, [...(initiatives.get(org) ?? []), i]);
    owner.set(i.id, { org, name: i.initiative });
  }
  const realisations = new Map<number, Realisation[]>();
  for (const r of realised) {
    const o = owner.get(Number(r.initiative_id));
    if (!o) continue;
    realisations.set(o.org, [
      ...(realisations.get(o.org) ?? []),
      {
        organisation: nameOf.get(o.org) ?? '',
        initiative: o.name,
        month: r.month,
        realisedHours: Number(r.realised_hours),
        realisedDkk: Number(r.realised_dkk),
      },
    ]);
  }
  const settingsOf = new Map(
    settings.map((s) => [
      Number(s.organisation_id),
      {
        hourlyCostDkk: Number(s.hourly_cost_dkk),
        hoursPerFte: Number(s.hours_per_fte),
        discountRate: Number(s.discount_rate),
        horizonYears: Number(s.horizon_years),
      },
    ]),
  );
  return orgs.map((o) => ({
    organisationId: Number(o.id),
    organisation: o.name,
    sector: o.sector,
    initiatives: initiatives.get(Number(o.id)) ?? [],
    realisations: realisations.get(Number(o.id)) ?? [],
    settings: settingsOf.get(Number(o.id)) ?? DEFAULT_SETTINGS,
  }));
}

/**
 * Holds other writers of the log until the transaction ends (PostgreSQL; SQLite has one
 * writer): two analysts at once must not each publish a cell audited without the other's.
 */
export async function lockPortfolioPublications(tx: Db): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await sql`lock table portfolio_publications in share row exclusive mode`.execute(tx.kysely);
}

/** Every cell shown before, oldest first. */
export async function listPortfolioPublications(db: Db): Promise<Publication[]> {
  const rows = await publications(db)
    .selectFrom('portfolio_publications')
    .selectAll()
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    cell: r.cell,
    asOf: r.as_of,
    members: JSON.parse(r.members) as string[],
    values: JSON.parse(r.cell_values) as Publication['values'],
  }));
}

export async function appendPortfolioPublications(
  db: Db,
  list: readonly Publication[],
  k: number,
  actor: string,
): Promise<void> {
  if (list.length === 0) return;
  const at = nowIso();
  await publications(db)
    .insertInto('portfolio_publications')
    .values(
      list.map((p) => ({
        cell: p.cell,
        as_of: p.asOf,
        k,
        members: JSON.stringify(p.members),
        cell_values: JSON.stringify(p.values),
        published_by: actor,
        published_at: at,
      })),
    )
    .execute();
}
