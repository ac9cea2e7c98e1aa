/**
 * Pre-aggregated organisation scores: one compact row per organisation and round, kept up to
 * date in the same transaction as every submission and import, so that sector figures and peer
 * groups never have to read every respondent's answers. Derived data: `round_scores` records
 * under which scoring layout a round's rows were all computed; a round without a current entry
 * is recomputed from its submissions on first use.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';

  await db.schema
    .createTable('organisation_scores')
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .addColumn('respondents', 'integer', (c) => c.notNull().check(sql`respondents >= 1`))
    .addColumn('stage', 'text')
    // Float64 values in the instrument's value layout (little-endian, NaN = no value).
    .addColumn('value_data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    // Changes with every write, so a reader can tell cheaply whether a round's rows changed.
    .addColumn('revision', 'integer', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('organisation_scores_pk', ['round_id', 'organisation_id'])
    .execute();

  await db.schema
    .createTable('round_scores')
    .addColumn('round_id', pg ? 'bigint' : 'integer', (c) =>
      c.primaryKey().references('rounds.id').onDelete('cascade'),
    )
    .addColumn('layout_key', 'text', (c) => c.notNull())
    .$call(t.timestamp('scored_at', { notNull: true }))
    .execute();
}
