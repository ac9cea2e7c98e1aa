import { ORGANISATION_SECTORS, type Sector } from '../../core/exchange/types.ts';
import type { Db } from '../database.ts';
import { AlreadyExistsError, InvalidInputError } from '../errors.ts';
import { toOrganisation } from '../rows.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import type { Organisation } from '../types.ts';

export interface OrganisationInput {
  /** Unique across all rounds, so an organisation's results can be followed over time. */
  readonly name: string;
  readonly sector: Sector;
  readonly type?: string | null;
  readonly sizeBand?: string | null;
}

export function checkOrganisation(input: { name: string; sector: string }): void {
  if (input.name.trim() === '' || input.name !== input.name.trim()) {
    throw new InvalidInputError(
      `Organisation name ${JSON.stringify(input.name)} must be non-empty and trimmed`,
    );
  }
  if (!(ORGANISATION_SECTORS as readonly string[]).includes(input.sector)) {
    throw new InvalidInputError(
      `Unknown sector ${JSON.stringify(input.sector)} (expected ${ORGANISATION_SECTORS.join(', ')})`,
    );
  }
}

export async function createOrganisation(db: Db, input: OrganisationInput): Promise<Organisation> {
  checkOrganisation(input);
  try {
    const row = await db.kysely
      .insertInto('organisations')
      .values({
        name: input.name,
        sector: input.sector,
        type: input.type ?? null,
        size_band: input.sizeBand ?? null,
        created_at: nowIso(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toOrganisation(row);
  } catch (err) {
    if (isUniqueViolation(err)) throw new AlreadyExistsError('organisation', input.name, { cause: err });
    throw err;
  }
}

/** The organisation with this name, created if missing (an existing one is left unchanged). */
export async function ensureOrganisation(db: Db, input: OrganisationInput): Promise<Organisation> {
  checkOrganisation(input);
  const inserted = await db.kysely
    .insertInto('organisations')
    .values({
      name: input.name,
      sector: input.sector,
      type: input.type ?? null,
      size_band: input.sizeBand ?? null,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return toOrganisation(inserted);
  const row = await db.kysely
    .selectFrom('organisations')
    .selectAll()
    .where('name', '=', input.name)
    .executeTakeFirstOrThrow();
  return toOrganisation(row);
}
