/**
 * Every survey request finds its respondent by the hash of the invitation token; without an
 * index that is a scan of every respondent of every round (at EU scale, 500,000 rows per
 * autosave). Unique, because two respondents sharing a token would be a bug.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('respondents_token_hash_uq')
    .on('respondents')
    .column('token_hash')
    .unique()
    .where(sql.ref('token_hash'), 'is not', null)
    .execute();
}
