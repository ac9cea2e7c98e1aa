/**
 * Round names are typed by people (`npx pejling report sector 2026`, URLs): "Kommuner-2026"
 * and "kommuner-2026" must not be two rounds. The index holds this for ASCII letters on
 * both backends; createRound compares the full Unicode case folding before it inserts.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('rounds_name_lower_uq')
    .on('rounds')
    .expression(sql`lower(name)`)
    .unique()
    .execute();
}
