/**
 * What the invitee list needs to say where each invitee stands, and re-sending without killing
 * a working link:
 * - `respondents.first_opened_at` / `last_opened_at`: when the survey was loaded with a valid
 *   link (set on the survey's first request of a visit, never on autosave);
 * - `invitation_links`: further links of a respondent besides `respondents.token_hash`, made
 *   when a reminder or a re-sent invitation must not stop the link the respondent already has.
 *   Only SHA-256 hashes, as for `token_hash`; they go with the respondent and with the round's
 *   erased addresses.
 */
import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../database.ts';
import { columnTypes } from './column-types.ts';

export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const t = columnTypes(dialect);
  const pg = dialect === 'postgres';
  for (const column of ['first_opened_at', 'last_opened_at']) {
    // The same canonical-timestamp CHECK as column-types.ts puts on created tables.
    await db.schema
      .alterTable('respondents')
      .addColumn(column, pg ? sql`timestamptz(3)` : 'text', (c) =>
        pg ? c : c.check(sql`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref(column)}) = ${sql.ref(column)}`),
      )
      .execute();
  }

  await db.schema
    .createTable('invitation_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey().check(sql`length(token_hash) = 64`))
    .$call(t.ref('respondent_id', 'respondents', { notNull: true, onDelete: 'cascade' }))
    .$call(t.timestamp('created_at', { notNull: true }))
    .execute();
  await db.schema
    .createIndex('invitation_links_respondent_ix')
    .on('invitation_links')
    .column('respondent_id')
    .execute();
}
