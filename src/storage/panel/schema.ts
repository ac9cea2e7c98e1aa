/** The panel tables (migration 0019-panel-respondents) as Kysely sees them. */
import type { Generated, Kysely } from 'kysely';
import type { Db } from '../database.ts';
import type { JsonText, Schema, Timestamp } from '../schema.ts';

export interface PanelRespondentsTable {
  id: Generated<number>;
  round_id: number;
  external_id: string;
  weight: number;
  answers: JsonText;
  created_at: Timestamp;
}

export interface PanelSettingsTable {
  round_id: number;
  min_cell: number;
  updated_by: string;
  updated_at: Timestamp;
}

export interface PanelSchema extends Schema {
  panel_respondents: PanelRespondentsTable;
  panel_settings: PanelSettingsTable;
}

export const panelKysely = (db: Db): Kysely<PanelSchema> => db.kysely as unknown as Kysely<PanelSchema>;
