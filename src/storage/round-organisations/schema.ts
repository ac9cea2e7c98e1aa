/** The round attribute tables (migration 0009-round-organisations) as Kysely sees them. */
import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { JsonText, Timestamp } from '../schema.ts';
import type { ScoresSchema } from '../scores/schema.ts';

export interface RoundOrganisationsTable {
  round_id: number;
  organisation_id: number;
  type: string | null;
  size: number | null;
  size_band: string | null;
  region: string | null;
  attributes: JsonText;
  updated_at: Timestamp;
}

export interface RoundComparisonSetsTable {
  round_id: number;
  organisation_id: number;
  member_id: number;
  updated_at: Timestamp;
}

export interface RoundOrganisationsSchema extends ScoresSchema {
  round_organisations: RoundOrganisationsTable;
  round_comparison_sets: RoundComparisonSetsTable;
}

export const roundOrganisationsKysely = (db: Db): Kysely<RoundOrganisationsSchema> =>
  db.kysely as unknown as Kysely<RoundOrganisationsSchema>;
