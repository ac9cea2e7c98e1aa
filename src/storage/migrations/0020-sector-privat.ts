/**
 * Organisations of the sector `privat`: the organisation panel `it-i-praksis` asks public and
 * private organisations alike, and its exchange files say `privat` in the `sector` column.
 * 0001 limited the column to the four `dt-offentlig` sectors with a CHECK constraint.
 *
 * SQLite cannot alter a constraint, and the usual table rebuild does not work here: migrations may run inside a transaction
 * (a restore migrates within its own), where foreign keys cannot be switched off, and with
 * them on, dropping `organisations` would cascade into every table that refers to it and a
 * rename would re-point those references. So the column is replaced instead, in place:
 * renamed, a new `sector` column added with the wider CHECK, the values copied, the old
 * column dropped. The table, its rows, their ids, every foreign key and trigger stay as they
 * are. SQLite requires a default for a NOT NULL column added to a table with rows; `andet`
 * is the one value valid for every instrument (every insert names its sector anyway).
 * PostgreSQL does the same, so that both keep the same columns in the same order.
 */
import { sql, type Kysely } from 'kysely';

// Spelled out rather than imported: a migration must mean the same forever.
const SECTORS = ['stat', 'region', 'kommune', 'privat', 'andet'];

const oneOf = (column: string) => sql`${sql.ref(column)} in (${sql.join(SECTORS.map((v) => sql.lit(v)))})`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // PostgreSQL could simply swap the constraint, but the backends must keep the same columns
  // in the same order (a backup of one restores into the other, table for table): both do the same.
  await sql`alter table organisations rename column sector to sector_0001`.execute(db);
  await sql`alter table organisations add column sector text not null default 'andet' constraint organisations_sector_ck check (${oneOf('sector')})`.execute(
    db,
  );
  await sql`update organisations set sector = sector_0001`.execute(db);
  await sql`alter table organisations drop column sector_0001`.execute(db);
}
