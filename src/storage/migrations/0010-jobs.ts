/**
 * Durable background jobs (docs/rounds.md, "Background jobs"): sending invitations and
 * reminders, printing every organisation's PDF into a ZIP, large exports. Everything a second
 * app instance needs to take a job over lives here, never in process memory:
 *
 * - `jobs`: one row per job; a worker holds it by a lease (`locked_by`, `lease_until`) that it
 *   renews, and any instance takes over a job whose lease ran out. `dedupe_key` with a partial
 *   unique index keeps two pending jobs from doing the same thing (two clicks, two instances).
 * - `job_items`: one row per unit of work (a recipient, an organisation). An item is claimed in
 *   its own transaction (pending → working, with the worker's id) before the work is done, so no
 *   two workers ever do the same item; `result` keeps an item's output (a printed PDF) so a
 *   resumed job does not redo it. `token_hash` is the link a mail carries, made live only once
 *   the mail server accepted the mail.
 * - `job_results`: the finished file (ZIP, export) in the database, so whichever instance
 *   serves the download has it.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

const JOB_STATES = ['pending', 'done', 'failed'];
const ITEM_STATES = ['pending', 'working', 'done', 'failed', 'unknown', 'skipped'];

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const blob = dialect === 'postgres' ? 'bytea' : 'blob';

  await db.schema
    .createTable('jobs')
    .$call(t.id())
    .addColumn('kind', 'text', (c) => c.notNull())
    .$call(t.ref('round_id', 'rounds', { onDelete: 'cascade' }))
    .$call(t.json('params', { notNull: true }))
    .addColumn('state', 'text', (c) => c.notNull().check(oneOf('state', JOB_STATES)))
    .addColumn('dedupe_key', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text')
    .$call(t.timestamp('lease_until'))
    // When a job that had to wait (mail server down) may be tried again.
    .$call(t.timestamp('run_after', { notNull: true }))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .$call(t.timestamp('created_at', { notNull: true }))
    .$call(t.timestamp('finished_at'))
    .execute();
  await db.schema.createIndex('jobs_state_ix').on('jobs').columns(['state', 'run_after']).execute();
  await db.schema.createIndex('jobs_round_ix').on('jobs').columns(['round_id', 'id']).execute();
  await db.schema
    .createIndex('jobs_pending_dedupe_uq')
    .on('jobs')
    .column('dedupe_key')
    .unique()
    .where(sql.ref('state'), '=', 'pending')
    .execute();

  await db.schema
    .createTable('job_items')
    .$call(t.id())
    .$call(t.ref('job_id', 'jobs', { notNull: true, onDelete: 'cascade' }))
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().check(oneOf('state', ITEM_STATES)))
    .addColumn('locked_by', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('error', 'text')
    .addColumn('result', blob)
    .$call(t.timestamp('started_at'))
    .$call(t.timestamp('finished_at'))
    .addUniqueConstraint('job_items_subject_uq', ['job_id', 'subject'])
    .execute();
  await db.schema.createIndex('job_items_state_ix').on('job_items').columns(['job_id', 'state']).execute();

  await db.schema
    .createTable('job_results')
    .addColumn('job_id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      c.primaryKey().references('jobs.id').onDelete('cascade'),
    )
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', blob, (c) => c.notNull())
    .$call(t.timestamp('created_at', { notNull: true }))
    .execute();
}
