import type { Realisation } from '../../core/portfolio/types.ts';
import { DEFAULT_SETTINGS, type PortfolioSettings } from '../../core/portfolio/settings.ts';
import type { Db } from '../database.ts';
import { NotFoundError } from '../errors.ts';
import { portfolioKysely, toInitiative, type StoredInitiative } from './schema.ts';

export interface StoredPortfolio {
  readonly organisationId: number;
  readonly organisation: string;
  readonly sector: string;
  readonly initiatives: readonly StoredInitiative[];
  readonly realisations: readonly Realisation[];
  readonly settings: PortfolioSettings;
  /** The settings are the defaults (the organisation has not set its own). */
  readonly defaultSettings: boolean;
}

/** One organisation's whole portfolio: initiatives in the order made, realisations by month. */
export async function readPortfolio(db: Db, organisationId: number): Promise<StoredPortfolio> {
  const k = portfolioKysely(db);
  const org = await k
    .selectFrom('organisations')
    .select(['id', 'name', 'sector'])
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!org) throw new NotFoundError('organisation', String(organisationId));
  const rows = await k
    .selectFrom('portfolio_initiatives')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute();
  const initiatives = rows.map((r) => toInitiative(r, org.name));
  const byId = new Map(initiatives.map((i) => [i.id, i.initiative]));
  const realised = await k
    .selectFrom('portfolio_realisations as r')
    .innerJoin('portfolio_initiatives as i', 'i.id', 'r.initiative_id')
    .select(['r.initiative_id', 'r.month', 'r.realised_hours', 'r.realised_dkk'])
    .where('i.organisation_id', '=', organisationId)
    .orderBy('r.month')
    .orderBy('r.initiative_id')
    .execute();
  const settings = await k
    .selectFrom('portfolio_settings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst();
  return {
    organisationId,
    organisation: org.name,
    sector: org.sector,
    initiatives,
    realisations: realised.map((r) => ({
      organisation: org.name,
      initiative: byId.get(Number(r.initiative_id))!,
      month: r.month,
      realisedHours: Number(r.realised_hours),
      realisedDkk: Number(r.realised_dkk),
    })),
    settings: settings
      ? {
          hourlyCostDkk: Number(settings.hourly_cost_dkk),
          hoursPerFte: Number(settings.hours_per_fte),
          discountRate: Number(settings.discount_rate),
          horizonYears: Number(settings.horizon_years),
        }
      : DEFAULT_SETTINGS,
    defaultSettings: !settings,
  };
}
