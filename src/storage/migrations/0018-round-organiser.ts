/**
 * Who runs a round (e.g. "KL og Digitaliseringsstyrelsen"): shown on the survey's first page and
 * in the invitation mail, so a respondent knows who is asking before they answer.
 */
import type { Kysely } from 'kysely';
import type { DialectName } from '../database.ts';

export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await db.schema.alterTable('rounds').addColumn('organiser', 'text').execute();
}
