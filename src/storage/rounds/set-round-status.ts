import type { Db } from '../database.ts';
import { InvalidInputError, NotFoundError } from '../errors.ts';
import { toRound } from '../rows.ts';
import { ROUND_STATUSES, type RoundStatus } from '../schema.ts';
import type { Round } from '../types.ts';

/**
 * Opens or closes a round. On PostgreSQL this waits for submissions in flight (they hold a
 * share lock on the round row), so nothing is accepted after `closed` returns.
 */
export async function setRoundStatus(db: Db, name: string, status: RoundStatus): Promise<Round> {
  if (!ROUND_STATUSES.includes(status)) throw new InvalidInputError(`Unknown round status ${String(status)}`);
  const row = await db.kysely
    .updateTable('rounds')
    .set({ status })
    .where('name', '=', name)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('round', name);
  return toRound(row);
}
