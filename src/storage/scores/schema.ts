/** The score tables (migration 0005-organisation-scores) as Kysely sees them. */
import type { Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { Schema, Timestamp } from '../schema.ts';

export interface OrganisationScoresTable {
  round_id: number;
  organisation_id: number;
  respondents: number;
  stage: string | null;
  value_data: Uint8Array;
  revision: number;
  updated_at: Timestamp;
}

export interface RoundScoresTable {
  round_id: number;
  layout_key: string;
  scored_at: Timestamp;
}

export interface ScoresSchema extends Schema {
  organisation_scores: OrganisationScoresTable;
  round_scores: RoundScoresTable;
}

export const scoresKysely = (db: Db): Kysely<ScoresSchema> => db.kysely as unknown as Kysely<ScoresSchema>;
