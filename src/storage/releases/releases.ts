/** Releases of a round (migration 0007): written once, read by every figure others see. */
import type { Db } from '../database.ts';
import { canonicalJson, parseJson } from '../json.ts';
import type { ReleaseReason } from '../schema.ts';
import { nowIso } from '../time.ts';

export interface StoredRelease<C = unknown> {
  readonly id: number;
  readonly roundId: number;
  readonly number: number;
  readonly reason: ReleaseReason;
  readonly k: number;
  readonly respondentMin: number;
  readonly scoresRevision: string;
  readonly layoutKey: string;
  readonly content: C;
  readonly createdAt: string;
}

export interface NewRelease {
  readonly number: number;
  readonly reason: ReleaseReason;
  readonly k: number;
  readonly respondentMin: number;
  readonly scoresRevision: string;
  readonly layoutKey: string;
  readonly content: unknown;
  readonly createdAt?: string;
}

type Row = {
  id: number;
  round_id: number;
  number: number;
  reason: ReleaseReason;
  k: number;
  respondent_min: number;
  scores_revision: string;
  layout_key: string;
  content: string;
  created_at: string;
};

const toRelease = <C>(r: Row): StoredRelease<C> => ({
  id: r.id,
  roundId: r.round_id,
  number: r.number,
  reason: r.reason,
  k: r.k,
  respondentMin: r.respondent_min,
  scoresRevision: r.scores_revision,
  layoutKey: r.layout_key,
  content: parseJson<C>(r.content),
  createdAt: r.created_at,
});

export async function insertRelease(db: Db, roundId: number, release: NewRelease): Promise<void> {
  await db.kysely
    .insertInto('releases')
    .values({
      round_id: roundId,
      number: release.number,
      reason: release.reason,
      k: release.k,
      respondent_min: release.respondentMin,
      scores_revision: release.scoresRevision,
      layout_key: release.layoutKey,
      content: canonicalJson(release.content),
      created_at: release.createdAt ?? nowIso(),
    })
    .execute();
}

/** Every release of the round, oldest first. */
export async function listReleases<C>(db: Db, roundId: number): Promise<StoredRelease<C>[]> {
  const rows = await db.kysely
    .selectFrom('releases')
    .selectAll()
    .where('round_id', '=', roundId)
    .orderBy('number')
    .execute();
  return rows.map((r) => toRelease<C>(r));
}

/** The release's number, date and revision without its content (cheap: "is there a newer one?"). */
export async function latestReleaseHead(
  db: Db,
  roundId: number,
): Promise<Omit<StoredRelease<never>, 'content'> | null> {
  const row = await db.kysely
    .selectFrom('releases')
    .select([
      'id',
      'round_id',
      'number',
      'reason',
      'k',
      'respondent_min',
      'scores_revision',
      'layout_key',
      'created_at',
    ])
    .where('round_id', '=', roundId)
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    roundId: row.round_id,
    number: row.number,
    reason: row.reason,
    k: row.k,
    respondentMin: row.respondent_min,
    scoresRevision: row.scores_revision,
    layoutKey: row.layout_key,
    createdAt: row.created_at,
  };
}

export async function getRelease<C>(
  db: Db,
  roundId: number,
  number: number,
): Promise<StoredRelease<C> | null> {
  const row = await db.kysely
    .selectFrom('releases')
    .selectAll()
    .where('round_id', '=', roundId)
    .where('number', '=', number)
    .executeTakeFirst();
  return row ? toRelease<C>(row) : null;
}
