/**
 * Panels of individuals (the citizen panel, `instruments-more.md` §2): respondents who belong
 * to no organisation, each with a survey weight, stored per round. A table of their own rather
 * than `respondents` with a nullable organisation: every reader of `respondents` (scores,
 * releases, exports, invitations) assumes an organisation, and SQLite cannot relax a NOT NULL
 * without rebuilding the table. The background answers the breakdowns use (age band, region)
 * stay in `answers`: which items a panel breaks down by is the instrument's declaration.
 *
 * `panel_settings` holds a round's own minimum breakdown cell (none: the instrument's).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);

  await db.schema
    .createTable('panel_respondents')
    .$call(t.id())
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .$call(t.json('answers', { notNull: true }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .addUniqueConstraint('panel_respondents_round_external_uq', ['round_id', 'external_id'])
    // A weight of 0 or less (or NaN, which compares false) would make Σw and n_eff meaningless.
    .addCheckConstraint('panel_respondents_weight_ck', sql`weight > 0`)
    .addCheckConstraint('panel_respondents_external_ck', sql`length(external_id) between 1 and 200`)
    .execute();

  await db.schema
    .createTable('panel_settings')
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .addColumn('min_cell', 'integer', (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('updated_at', { notNull: true }))
    .addPrimaryKeyConstraint('panel_settings_pk', ['round_id'])
    .addCheckConstraint('panel_settings_min_cell_ck', sql`min_cell >= 5`)
    .execute();
}
