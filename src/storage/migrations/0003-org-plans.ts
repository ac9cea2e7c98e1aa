/**
 * What an organisation decides after reading its report: action plan items (answering an
 * advice item, with an owner, a due date and a status) and a target level per competency for
 * its next round. Both belong to an organisation in one round, so next year's report can
 * look back at them.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

// Spelled out rather than imported: a migration must mean the same forever.
const PLAN_STATUSES = ['planned', 'in_progress', 'done', 'cancelled'];

const oneOf = (column: string, values: readonly string[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  // A calendar date as text on both backends, so it reads back as the same string; the
  // round trip through the date functions rejects 2026-02-30 as well as malformed text.
  const isDate =
    dialect === 'postgres'
      ? sql`due_date ~ '^\\d{4}-\\d{2}-\\d{2}$' and to_char(to_date(due_date, 'YYYY-MM-DD'), 'YYYY-MM-DD') = due_date`
      : sql`date(due_date) is due_date`;

  await db.schema
    .createTable('plan_items')
    .$call(t.id())
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(oneOf('status', PLAN_STATUSES)))
    .addColumn('advice_key', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('created_at', { notNull: true }))
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addCheckConstraint('plan_items_title_ck', sql`length(title) between 1 and 200`)
    .addCheckConstraint('plan_items_owner_ck', sql`owner is null or length(owner) between 1 and 120`)
    .addCheckConstraint('plan_items_due_ck', sql`due_date is null or (${isDate})`)
    .addCheckConstraint(
      'plan_items_advice_ck',
      sql`advice_key is null or advice_key like 'competency:%' or advice_key like 'domain:%'`,
    )
    .execute();
  await db.schema
    .createIndex('plan_items_org_round_ix')
    .on('plan_items')
    .columns(['organisation_id', 'round_id'])
    .execute();

  await db.schema
    .createTable('competency_targets')
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .addColumn('competency', 'text', (c) => c.notNull())
    .addColumn('target', 'double precision', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('competency_targets_pk', ['organisation_id', 'round_id', 'competency'])
    .execute();
}
