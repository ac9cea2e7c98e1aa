/** The plan tables (migration 0003-org-plans) as Kysely sees them, beside the storage schema. */
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Schema, Timestamp } from '../schema.ts';

export interface PlanItemsTable {
  id: Generated<number>;
  organisation_id: number;
  round_id: number;
  title: string;
  owner: string | null;
  /** `YYYY-MM-DD`. */
  due_date: string | null;
  status: string;
  advice_key: string | null;
  created_by: string;
  created_at: Timestamp;
  updated_by: string;
  updated_at: Timestamp;
}

export interface CompetencyTargetsTable {
  organisation_id: number;
  round_id: number;
  competency: string;
  target: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PlansSchema extends Schema {
  plan_items: PlanItemsTable;
  competency_targets: CompetencyTargetsTable;
}

/** The same connection, typed with the plan tables too. */
export const plansKysely = (db: Db): Kysely<PlansSchema> => db.kysely as unknown as Kysely<PlansSchema>;

/** Every plan query is scoped to one organisation in one round. */
export interface PlanScope {
  readonly organisationId: number;
  readonly roundId: number;
}
