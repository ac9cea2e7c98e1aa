/** The portfolio tables (migration 0016-portfolio) as Kysely sees them, and their rows ⇄ core. */
import type { Generated, Kysely, Selectable } from 'kysely';
import type { Initiative, Status, Track } from '../../core/portfolio/types.ts';
import type { Db } from '../database.ts';
import type { Schema, Timestamp } from '../schema.ts';

export interface PortfolioSettingsTable {
  organisation_id: number;
  hourly_cost_dkk: number;
  hours_per_fte: number;
  discount_rate: number;
  horizon_years: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PortfolioInitiativesTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  name_key: string;
  track: string;
  owner: string | null;
  status: string;
  competency: string | null;
  start_month: string;
  investment_dkk: number;
  running_cost_dkk_per_year: number;
  expected_hours_per_year: number;
  expected_dkk_per_year: number;
  gains_booked: number;
  budget_year: number | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PortfolioRealisationsTable {
  initiative_id: number;
  month: string;
  realised_hours: number;
  realised_dkk: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PortfolioSchema extends Schema {
  portfolio_settings: PortfolioSettingsTable;
  portfolio_initiatives: PortfolioInitiativesTable;
  portfolio_realisations: PortfolioRealisationsTable;
}

export const portfolioKysely = (db: Db): Kysely<PortfolioSchema> =>
  db.kysely as unknown as Kysely<PortfolioSchema>;

/** A stored initiative: the contract's fields and its id. */
export interface StoredInitiative extends Initiative {
  readonly id: number;
}

export const toInitiative = (
  row: Selectable<PortfolioInitiativesTable>,
  organisation: string,
): StoredInitiative => ({
  id: Number(row.id),
  organisation,
  initiative: row.name,
  track: row.track as Track,
  owner: row.owner,
  status: row.status as Status,
  competency: row.competency,
  start: row.start_month,
  investmentDkk: Number(row.investment_dkk),
  runningCostDkkPerYear: Number(row.running_cost_dkk_per_year),
  expectedHoursPerYear: Number(row.expected_hours_per_year),
  expectedDkkPerYear: Number(row.expected_dkk_per_year),
  gainsBooked: Number(row.gains_booked) === 1,
  budgetYear: row.budget_year === null ? null : Number(row.budget_year),
});

export const initiativeColumns = (i: Initiative) => ({
  name: i.initiative.trim(),
  name_key: i.initiative.trim().toLocaleLowerCase('da'),
  track: i.track,
  owner: i.owner,
  status: i.status,
  competency: i.competency,
  start_month: i.start,
  investment_dkk: i.investmentDkk,
  running_cost_dkk_per_year: i.runningCostDkkPerYear,
  expected_hours_per_year: i.expectedHoursPerYear,
  expected_dkk_per_year: i.expectedDkkPerYear,
  gains_booked: i.gainsBooked ? 1 : 0,
  budget_year: i.budgetYear,
});
