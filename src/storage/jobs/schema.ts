/** The tables of migration 0010 as Kysely sees them, beside the storage schema. */
import type { Generated, Kysely } from 'kysely';
import type { AccountsSchema } from '../accounts/schema.ts';
import type { Db } from '../database.ts';
import type { JsonText, Timestamp } from '../schema.ts';

export const JOB_STATES = ['pending', 'done', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

/**
 * `working`: claimed by a worker that is doing it now. `unknown`: a worker died while sending
 * it, so whether the mail server accepted it cannot be known (it is never sent again blindly).
 */
export const ITEM_STATES = ['pending', 'working', 'done', 'failed', 'unknown', 'skipped'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export interface JobsTable {
  id: Generated<number>;
  kind: string;
  round_id: number | null;
  params: JsonText;
  state: JobState;
  dedupe_key: string | null;
  actor: string;
  locked_by: string | null;
  lease_until: Timestamp | null;
  run_after: Timestamp;
  attempts: Generated<number>;
  error: string | null;
  created_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface JobItemsTable {
  id: Generated<number>;
  job_id: number;
  subject: string;
  state: ItemState;
  locked_by: string | null;
  token_hash: string | null;
  error: string | null;
  result: Uint8Array | null;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
}

export interface JobResultsTable {
  job_id: number;
  file_name: string;
  content_type: string;
  data: Uint8Array;
  created_at: Timestamp;
}

export interface JobsSchema extends AccountsSchema {
  jobs: JobsTable;
  job_items: JobItemsTable;
  job_results: JobResultsTable;
}

export const jobsKysely = (db: Db): Kysely<JobsSchema> => db.kysely as unknown as Kysely<JobsSchema>;
