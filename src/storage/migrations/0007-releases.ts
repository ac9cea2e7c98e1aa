/**
 * Releases (see docs/disclosure.md): every figure others may see is read from a release, never
 * computed live. `organisation_versions` are organisations' figures as released (the rows peer
 * and sector figures are computed over, and what the organisation's own report shows);
 * `releases` hold each release's group figures. Both are append-only in use: a version or a
 * release, once made, is never changed (except a version's first view, which is recorded).
 * Rounds get their respondent minimum (figures about groups inside one organisation).
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

const REASONS = ['auto', 'close', 'manual', 'import'];

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';

  await db.schema
    .alterTable('rounds')
    .addColumn('respondent_min', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(3)
        .check(sql`respondent_min >= 2`),
    )
    .execute();

  await db.schema
    .createTable('organisation_versions')
    .$call(t.id())
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .$call(t.ref('organisation_id', 'organisations', { notNull: true, onDelete: 'cascade' }))
    .addColumn('release_number', 'integer', (c) => c.notNull().check(sql`release_number >= 1`))
    // 0: the organisation has no answers any more (it left the round).
    .addColumn('respondents', 'integer', (c) => c.notNull().check(sql`respondents >= 0`))
    .addColumn('stage', 'text')
    // Float64 values in the instrument's value layout (little-endian, NaN = no value).
    .addColumn('value_data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('layout_key', 'text', (c) => c.notNull())
    // The organisation's sector, type and size band when the version was made.
    .$call(t.json('attributes', { notNull: true }))
    // [[respondent id, submission id], …]: exactly the answers the version is made of.
    .$call(t.json('submissions', { notNull: true }))
    // Which respondent-group comparisons the version may show, and why not.
    .$call(t.json('comparisons', { notNull: true }))
    .$call(t.timestamp('viewed_at'))
    .$call(t.timestamp('created_at', { notNull: true }))
    .execute();
  await db.schema
    .createIndex('organisation_versions_round_ix')
    .on('organisation_versions')
    .columns(['round_id', 'organisation_id', 'release_number'])
    .execute();

  await db.schema
    .createTable('releases')
    .$call(t.id())
    .$call(t.ref('round_id', 'rounds', { notNull: true, onDelete: 'cascade' }))
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number >= 1`))
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql`reason in (${sql.join(REASONS.map((r) => sql.lit(r)))})`),
    )
    .addColumn('k', 'integer', (c) => c.notNull().check(sql`k >= 3`))
    .addColumn('respondent_min', 'integer', (c) => c.notNull().check(sql`respondent_min >= 2`))
    // The stored scores' revision it was made from: "has anything changed since?" is one query.
    .addColumn('scores_revision', 'text', (c) => c.notNull())
    .addColumn('layout_key', 'text', (c) => c.notNull())
    .$call(t.json('content', { notNull: true }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .addUniqueConstraint('releases_round_number_uq', ['round_id', 'number'])
    .execute();
}
