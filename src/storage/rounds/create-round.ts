import type { Text } from '../../core/instrument/schema.ts';
import type { Lang } from '../../core/instrument/types.ts';
import type { Db } from '../database.ts';
import { AlreadyExistsError, InvalidInputError, NotFoundError } from '../errors.ts';
import { canonicalJson } from '../json.ts';
import { toRound } from '../rows.ts';
import { ROUND_STATUSES, type RoundStatus } from '../schema.ts';
import { isUniqueViolation } from '../sql-helpers.ts';
import { nowIso, toTimestamp } from '../time.ts';
import type { InstrumentRef, Round } from '../types.ts';

export interface CreateRoundInput {
  /** The identifier users type, e.g. `2026`. */
  readonly name: string;
  /** Defaults to the name. */
  readonly title?: Text;
  /** Must already be stored (storeInstrumentVersion). */
  readonly instrument: InstrumentRef;
  readonly opensAt?: Date | string | null;
  readonly closesAt?: Date | string | null;
  readonly status?: RoundStatus;
  /** Smallest group ever shown; default 5, never below 3. */
  readonly kMin?: number;
  /** Smallest group of respondents inside one organisation shown; default 3, never below 2. */
  readonly respondentMin?: number;
  readonly languages?: readonly Lang[];
  readonly intro?: Text | null;
  /** Who runs the round, shown to respondents. */
  readonly organiser?: string | null;
}

export const MIN_K = 3;
export const DEFAULT_K = 5;
export const MIN_RESPONDENTS = 2;
export const DEFAULT_RESPONDENTS = 3;
/** Typed on command lines and in URLs, so: letters, digits, `.`, `_`, `-`. */
const ROUND_NAME = /^[\p{L}\p{N}][\p{L}\p{N}._-]{0,63}$/u;

export function checkRoundName(name: string): void {
  if (!ROUND_NAME.test(name)) {
    throw new InvalidInputError(
      `Round name ${JSON.stringify(name)} must be 1–64 letters, digits, ".", "_" or "-", starting with a letter or digit`,
    );
  }
}

export async function createRound(db: Db, input: CreateRoundInput): Promise<Round> {
  checkRoundName(input.name);
  const kMin = input.kMin ?? DEFAULT_K;
  if (!Number.isInteger(kMin) || kMin < MIN_K)
    throw new InvalidInputError(`k_min must be an integer ≥ ${MIN_K}`);
  const respondentMin = input.respondentMin ?? DEFAULT_RESPONDENTS;
  if (!Number.isInteger(respondentMin) || respondentMin < MIN_RESPONDENTS)
    throw new InvalidInputError(`respondent_min must be an integer ≥ ${MIN_RESPONDENTS}`);
  const status = input.status ?? 'draft';
  if (!ROUND_STATUSES.includes(status)) throw new InvalidInputError(`Unknown round status ${String(status)}`);
  const opensAt = input.opensAt == null ? null : toTimestamp(input.opensAt, 'opensAt');
  const closesAt = input.closesAt == null ? null : toTimestamp(input.closesAt, 'closesAt');
  if (opensAt && closesAt && opensAt >= closesAt)
    throw new InvalidInputError('A round must close after it opens');

  return db.transaction(async (tx) => {
    const instrument = await tx.kysely
      .selectFrom('instruments')
      .select('id')
      .where('id', '=', input.instrument.id)
      .where('version', '=', input.instrument.version)
      .executeTakeFirst();
    if (!instrument)
      throw new NotFoundError('instrument', `${input.instrument.id}@${input.instrument.version}`);
    const clash = await sameNameIgnoringCase(tx, input.name);
    if (clash !== undefined) throw new AlreadyExistsError('round', clash);
    try {
      const row = await tx.kysely
        .insertInto('rounds')
        .values({
          name: input.name,
          title: canonicalJson(input.title ?? { da: input.name }),
          instrument_id: input.instrument.id,
          instrument_version: input.instrument.version,
          opens_at: opensAt,
          closes_at: closesAt,
          status,
          k_min: kMin,
          respondent_min: respondentMin,
          languages: canonicalJson(input.languages ?? ['da', 'en']),
          intro: input.intro ? canonicalJson(input.intro) : null,
          organiser: input.organiser?.trim() || null,
          created_at: nowIso(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRound(row);
    } catch (err) {
      if (isUniqueViolation(err)) throw new AlreadyExistsError('round', input.name, { cause: err });
      throw err;
    }
  });
}

/** Round names differ by more than case; rounds are few, so every name is compared. */
async function sameNameIgnoringCase(db: Db, name: string): Promise<string | undefined> {
  const key = name.toLowerCase();
  const rows = await db.kysely.selectFrom('rounds').select('name').execute();
  return rows.find((r) => r.name.toLowerCase() === key)?.name;
}
