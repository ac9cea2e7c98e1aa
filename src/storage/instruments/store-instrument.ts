/**
 * Stores an instrument version exactly as loaded. Idempotent: storing the same text again is
 * a no-op; the same id and version with other content is an error, because rounds pin a
 * version and their scores must stay reproducible.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../database.ts';
import { InstrumentConflictError, InvalidInputError } from '../errors.ts';
import { nowIso } from '../time.ts';

export interface InstrumentVersionInput {
  readonly id: string;
  readonly version: string;
  readonly definitionText: string;
}

export interface StoreInstrumentResult {
  readonly sha256: string;
  /** False when this exact version was already stored. */
  readonly created: boolean;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export async function storeInstrumentVersion(
  db: Db,
  input: InstrumentVersionInput,
): Promise<StoreInstrumentResult> {
  if (!input.id || !input.version) throw new InvalidInputError('An instrument needs an id and a version');
  const sha256 = sha256Hex(input.definitionText);
  const inserted = await db.kysely
    .insertInto('instruments')
    .values({
      id: input.id,
      version: input.version,
      definition: input.definitionText,
      sha256,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(['id', 'version']).doNothing())
    .returning('sha256')
    .executeTakeFirst();
  if (inserted) return { sha256, created: true };

  const existing = await db.kysely
    .selectFrom('instruments')
    .select('sha256')
    .where('id', '=', input.id)
    .where('version', '=', input.version)
    .executeTakeFirstOrThrow();
  if (existing.sha256 !== sha256) throw new InstrumentConflictError(input.id, input.version);
  return { sha256, created: false };
}
