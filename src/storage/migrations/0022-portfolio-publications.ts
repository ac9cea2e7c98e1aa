/**
 * The log of the portfolio's figures across organisations (issue 16): every cell the analyst
 * has been shown, with the contributions it was made of (organisation, track and a version of
 * its sums) and its values. The disclosure audit reads the whole log, so that no new cell can
 * be differenced against one shown before (src/core/portfolio/across.ts). Append-only.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  await db.schema
    .createTable('portfolio_publications')
    .$call(t.id())
    .addColumn('cell', 'text', (c) => c.notNull())
    .addColumn('as_of', 'text', (c) => c.notNull())
    .addColumn('k', 'integer', (c) => c.notNull())
    // JSON arrays/objects as text: read back whole by the audit, never queried inside.
    .addColumn('members', 'text', (c) => c.notNull())
    .addColumn('cell_values', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .$call(t.timestamp('published_at', { notNull: true }))
    .addCheckConstraint('portfolio_publications_k_ck', sql`k >= 3`)
    .execute();
}
