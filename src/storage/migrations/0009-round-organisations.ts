/**
 * Organisations' attributes per round (type, size and the size band that follows from it,
 * region, further attributes) and official comparison sets per round. Per round, so that a
 * later round's changes never move last year's peer groups. The global `type`/`size_band`
 * columns of `organisations` stay as the fallback for rounds that set none.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';

  await db.schema
    .createTable('round_organisations')
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .addColumn('type', 'text')
    // Inhabitants or full-time equivalents (fractional FTEs exist).
    .addColumn('size', pg ? 'double precision' : 'real', (c) => c.check(sql`size >= 0`))
    // Follows from size by the instrument's limits; stored so that reads need no instrument.
    .addColumn('size_band', 'text')
    .addColumn('region', 'text')
    // Further attributes: { key: text }.
    .$call(t.json('attributes', { notNull: true }))
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('round_organisations_pk', ['round_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('round_comparison_sets')
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('member_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('round_comparison_sets_pk', ['round_id', 'organisation_id', 'member_id'])
    .addCheckConstraint('round_comparison_sets_self_ck', sql`organisation_id <> member_id`)
    .execute();
}
