import type { Db } from '../database.ts';
import type { StoredInstrument } from '../types.ts';

export async function getInstrumentVersion(
  db: Db,
  id: string,
  version: string,
): Promise<StoredInstrument | undefined> {
  const row = await db.kysely
    .selectFrom('instruments')
    .selectAll()
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        version: row.version,
        definitionText: row.definition,
        sha256: row.sha256,
        createdAt: row.created_at,
      }
    : undefined;
}

/** Only the content hash of a stored version: enough to find an already compiled copy. */
export async function getInstrumentSha(db: Db, id: string, version: string): Promise<string | undefined> {
  const row = await db.kysely
    .selectFrom('instruments')
    .select('sha256')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return row?.sha256;
}
