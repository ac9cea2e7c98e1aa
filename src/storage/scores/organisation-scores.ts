/**
 * Pre-aggregated organisation scores (see migration 0005): written in the transaction that
 * changes an organisation's submissions, read by sector figures and peer groups. The values
 * are a Float64 array in the instrument's value layout, stored as bytes (little-endian, as on
 * every platform Node runs on).
 */
import { randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { Sector } from '../../core/exchange/types.ts';
import type { Db } from '../database.ts';
import { chunks, codePointOrder, rowsPerStatement } from '../sql-helpers.ts';
import { nowIso } from '../time.ts';
import { roundOrganisationsKysely } from '../round-organisations/schema.ts';
import { scoresKysely } from './schema.ts';
import { toBytes, toValues } from '../float-bytes.ts';

export interface OrganisationScoreRow {
  readonly organisationId: number;
  /** 0 removes the row (the organisation no longer has a current submission). */
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: Float64Array;
}

export interface StoredOrganisationScore {
  readonly organisationId: number;
  readonly name: string;
  readonly sector: Sector;
  readonly type: string | null;
  readonly sizeBand: string | null;
  readonly region: string | null;
  readonly respondents: number;
  readonly stage: string | null;
  readonly values: Float64Array;
}

/** Inserts or replaces scores; rows with no respondents are deleted. */
export async function writeOrganisationScores(
  db: Db,
  roundId: number,
  rows: readonly OrganisationScoreRow[],
): Promise<void> {
  const k = scoresKysely(db);
  const now = nowIso();
  const gone = rows.filter((r) => r.respondents === 0).map((r) => r.organisationId);
  for (const ids of chunks(gone, 5_000))
    await k
      .deleteFrom('organisation_scores')
      .where('round_id', '=', roundId)
      .where('organisation_id', 'in', ids)
      .execute();
  const kept = rows.filter((r) => r.respondents > 0);
  for (const batch of chunks(kept, rowsPerStatement(7, 1_000))) {
    await k
      .insertInto('organisation_scores')
      .values(
        batch.map((r) => ({
          round_id: roundId,
          organisation_id: r.organisationId,
          respondents: r.respondents,
          stage: r.stage,
          value_data: toBytes(r.values),
          // Random, so that the round's sum of revisions changes with every write (see scoresRevision).
          revision: randomInt(1, 2 ** 31),
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.columns(['round_id', 'organisation_id']).doUpdateSet((eb) => ({
          respondents: eb.ref('excluded.respondents'),
          stage: eb.ref('excluded.stage'),
          value_data: eb.ref('excluded.value_data'),
          revision: eb.ref('excluded.revision'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/**
 * Inside a transaction: serialises the writers of one organisation's score, so two
 * respondents submitting at once cannot each store a score that misses the other's answers
 * (under read committed, what is read after the lock includes the other's commit). SQLite
 * runs one write transaction at a time already.
 */
export async function lockOrganisationScore(tx: Db, roundId: number, organisationId: number): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  // The two-int4 key space is separate from the migrator's single-bigint lock.
  await sql`select pg_advisory_xact_lock(${roundId}::int, ${organisationId}::int)`.execute(tx.kysely);
}

/**
 * Every stored score of a round with the organisation's peer-group attributes in the round
 * (its global ones where the round has none of its own), by name.
 */
export async function listOrganisationScores(db: Db, roundId: number): Promise<StoredOrganisationScore[]> {
  const rows = await roundOrganisationsKysely(db)
    .selectFrom('organisation_scores as s')
    .innerJoin('organisations as o', 'o.id', 's.organisation_id')
    .leftJoin('round_organisations as ro', (j) =>
      j.onRef('ro.organisation_id', '=', 's.organisation_id').onRef('ro.round_id', '=', 's.round_id'),
    )
    .select([
      's.organisation_id',
      'o.name',
      'o.sector',
      'o.type',
      'o.size_band',
      'ro.organisation_id as own',
      'ro.type as round_type',
      'ro.size_band as round_band',
      'ro.region',
      's.respondents',
      's.stage',
      's.value_data',
    ])
    .where('s.round_id', '=', roundId)
    .orderBy(codePointOrder(db, 'o.name'))
    .execute();
  return rows.map((r) => ({
    organisationId: r.organisation_id,
    name: r.name,
    sector: r.sector as Sector,
    type: r.own === null ? r.type : r.round_type,
    sizeBand: r.own === null ? r.size_band : r.round_band,
    region: r.own === null ? null : r.region,
    respondents: r.respondents,
    stage: r.stage,
    values: toValues(r.value_data),
  }));
}

export interface ScoreColumns {
  readonly organisations: number;
  readonly respondents: number;
  readonly stages: (string | null)[];
  /** One column per requested position of the value layout; NaN where there is no value. */
  readonly columns: Float64Array[];
}

/**
 * The round's scores as columns of the requested value positions, in primary-key order, read
 * without an object per organisation: at EU scale this is what keeps sector figures near the
 * speed of a column store. On SQLite the rows come straight from the driver as arrays.
 */
export async function readScoreColumns(
  db: Db,
  roundId: number,
  positions: readonly number[],
): Promise<ScoreColumns> {
  const stages: (string | null)[] = [];
  const grow: number[][] = positions.map(() => []);
  let respondents = 0;
  const take = (count: number, stage: string | null, bytes: Uint8Array) => {
    respondents += count;
    stages.push(stage);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let k = 0; k < positions.length; k++) {
      const at = positions[k]! * 8;
      grow[k]!.push(at + 8 <= view.byteLength ? view.getFloat64(at, true) : Number.NaN);
    }
  };
  const handle = db.sqliteHandle;
  if (handle) {
    // Inside a transaction, which holds the one connection: a statement on the handle must
    // never run while another request's transaction is open on it.
    if (!db.inTransaction) return db.transaction((tx) => readScoreColumns(tx, roundId, positions));
    const statement = handle.database
      .prepare(
        'select respondents, stage, value_data from organisation_scores where round_id = ? order by round_id, organisation_id',
      )
      .raw(true);
    try {
      for (const row of statement.iterate(roundId) as Iterable<[number, string | null, Uint8Array]>)
        take(row[0], row[1], row[2]);
    } catch (err) {
      throw handle.classify(err);
    }
  } else {
    // The stored bytes as they come: no Float64Array per row only to read it back as bytes.
    const rows = await scoresKysely(db)
      .selectFrom('organisation_scores')
      .select(['respondents', 'stage', 'value_data'])
      .where('round_id', '=', roundId)
      .orderBy('round_id')
      .orderBy('organisation_id')
      .execute();
    for (const r of rows) take(r.respondents, r.stage, r.value_data);
  }
  return {
    organisations: stages.length,
    respondents,
    stages,
    columns: grow.map((values) => Float64Array.from(values)),
  };
}

/**
 * A key that changes whenever any score of the round is written or removed: the row count,
 * the sum of the random revisions and the latest write time. Cheap enough to ask before
 * trusting a cached peer comparison.
 */
export async function scoresRevision(db: Db, roundId: number): Promise<string> {
  const row = await scoresKysely(db)
    .selectFrom('organisation_scores')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.sum<number | string | null>('revision').as('total'),
      eb.fn.max('updated_at').as('latest'),
    ])
    .where('round_id', '=', roundId)
    .executeTakeFirstOrThrow();
  return `${row.n}:${row.total ?? 0}:${String(row.latest ?? '')}`;
}

/** The layout every score of the round was computed under, or null when not all are. */
export async function getRoundScoresLayout(db: Db, roundId: number): Promise<string | null> {
  const row = await scoresKysely(db)
    .selectFrom('round_scores')
    .select('layout_key')
    .where('round_id', '=', roundId)
    .executeTakeFirst();
  return row?.layout_key ?? null;
}

export async function setRoundScoresLayout(db: Db, roundId: number, layoutKey: string): Promise<void> {
  await scoresKysely(db)
    .insertInto('round_scores')
    .values({ round_id: roundId, layout_key: layoutKey, scored_at: nowIso() })
    .onConflict((oc) =>
      oc.column('round_id').doUpdateSet((eb) => ({
        layout_key: eb.ref('excluded.layout_key'),
        scored_at: eb.ref('excluded.scored_at'),
      })),
    )
    .execute();
}

/** Removes every score of a round, before it is recomputed whole. */
export async function clearRoundScores(db: Db, roundId: number): Promise<void> {
  await scoresKysely(db).deleteFrom('organisation_scores').where('round_id', '=', roundId).execute();
}

/**
 * Blocks other writers of the round's scores while the round is recomputed whole (PostgreSQL;
 * SQLite's single writer needs nothing).
 */
export async function lockRoundScores(tx: Db): Promise<void> {
  if (tx.dialect !== 'postgres') return;
  await sql`lock table organisation_scores in share row exclusive mode`.execute(tx.kysely);
}
