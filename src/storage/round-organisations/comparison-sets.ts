/** Official comparison sets of a round (migration 0009): replaced whole by an import. */
import type { Db } from '../database.ts';
import { chunks, rowsPerStatement } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { roundOrganisationsKysely } from './schema.ts';

export interface StoredComparisonSet {
  readonly organisation: number;
  /** Listed organisations, ascending (the organisation itself is never listed). */
  readonly members: readonly number[];
}

/** Replaces every comparison set of the round. */
export async function replaceComparisonSets(
  db: Db,
  roundId: number,
  sets: readonly StoredComparisonSet[],
): Promise<void> {
  const k = roundOrganisationsKysely(db);
  await k.deleteFrom('round_comparison_sets').where('round_id', '=', roundId).execute();
  const now = nowIso();
  const rows = sets.flatMap((s) =>
    s.members
      .filter((m) => m !== s.organisation)
      .map((m) => ({ round_id: roundId, organisation_id: s.organisation, member_id: m, updated_at: now })),
  );
  for (const batch of chunks(rows, rowsPerStatement(4, 2_000)))
    if (batch.length > 0) await k.insertInto('round_comparison_sets').values(batch).execute();
}

export async function listComparisonSets(db: Db, roundId: number): Promise<StoredComparisonSet[]> {
  const rows = await roundOrganisationsKysely(db)
    .selectFrom('round_comparison_sets')
    .select(['organisation_id', 'member_id'])
    .where('round_id', '=', roundId)
    .orderBy('organisation_id')
    .orderBy('member_id')
    .execute();
  const out = new Map<number, number[]>();
  for (const r of rows) {
    const o = Number(r.organisation_id);
    let m = out.get(o);
    if (!m) out.set(o, (m = []));
    m.push(Number(r.member_id));
  }
  return [...out].map(([organisation, members]) => ({ organisation, members }));
}
