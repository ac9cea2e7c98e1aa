/**
 * Keeps the pre-aggregated organisation scores (src/storage/scores) in step with the
 * submissions, with the core's rules, and reads them back. Every writer of submissions goes
 * through here in its own transaction: a submission (one organisation), an import (the
 * organisations it changed). A round whose scores were never computed, or were computed under
 * another layout (SCORING_VERSION, instrument), is recomputed whole on first read.
 */
import type { OrganisationData } from '../../core/exchange/types.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { layoutKey } from '../../core/figures/layout.ts';
import { organisationRow } from '../../core/figures/organisation-row.ts';
import {
  clearRoundScores,
  getRoundScoresLayout,
  listOrganisationScores,
  loadOrganisationRoundData,
  lockOrganisationScore,
  lockRoundScores,
  setRoundScoresLayout,
  streamRoundData,
  writeOrganisationScores,
  type Db,
  type Organisation,
  type OrganisationScoreRow,
  type Round,
  type StoredOrganisationScore,
} from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';

/** Rows written per statement batch while a whole round is scored. */
const WRITE_BATCH = 2_000;

const row = (
  instrument: Instrument,
  organisationId: number,
  data: OrganisationData | null,
): OrganisationScoreRow => {
  if (!data || data.respondents.length === 0)
    return { organisationId, respondents: 0, stage: null, values: new Float64Array(0) };
  return { organisationId, ...organisationRow(instrument, data.respondents) };
};

/** Inside the transaction that changed the organisation's submissions. */
export async function rescoreOrganisation(
  tx: Db,
  instrument: Instrument,
  roundId: number,
  organisation: Pick<Organisation, 'id' | 'name' | 'sector'>,
): Promise<void> {
  await lockOrganisationScore(tx, roundId, organisation.id);
  const data = await loadOrganisationRoundData(tx, roundId, organisation);
  await writeOrganisationScores(tx, roundId, [row(instrument, organisation.id, data)]);
}

/**
 * After an import into a round that did not exist before: the file is exactly what is stored,
 * so the scores come from it without reading the answers back. The round is then complete.
 */
export async function scoreNewRound(
  tx: Db,
  instrument: Instrument,
  roundId: number,
  organisations: readonly OrganisationData[],
  ids: ReadonlyMap<string, number>,
): Promise<void> {
  for (let i = 0; i < organisations.length; i += WRITE_BATCH) {
    const rows = organisations.slice(i, i + WRITE_BATCH).map((o) => row(instrument, ids.get(o.name)!, o));
    await writeOrganisationScores(tx, roundId, rows);
  }
  await setRoundScoresLayout(tx, roundId, layoutKey(instrument));
}

/** Recomputes every score of a round from its submissions (one transaction). */
export async function rescoreRound(db: Db, instrument: Instrument, roundId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lockRoundScores(tx);
    await clearRoundScores(tx, roundId);
    const ids = new Map<string, number>();
    // Organisation ids by name: streamRoundData speaks the exchange format, which has none.
    const idRows = await tx.kysely
      .selectFrom('organisations as o')
      .innerJoin('respondents as r', 'r.organisation_id', 'o.id')
      .select(['o.id', 'o.name'])
      .where('r.round_id', '=', roundId)
      .distinct()
      .execute();
    for (const r of idRows) ids.set(r.name, r.id);
    let batch: OrganisationScoreRow[] = [];
    for await (const org of streamRoundData(tx, roundId)) {
      batch.push(row(instrument, ids.get(org.name)!, org));
      if (batch.length >= WRITE_BATCH) {
        await writeOrganisationScores(tx, roundId, batch);
        batch = [];
      }
    }
    await writeOrganisationScores(tx, roundId, batch);
    await setRoundScoresLayout(tx, roundId, layoutKey(instrument));
  });
}

/** Makes sure the round's stored scores are complete and current; cheap when they are. */
export async function ensureRoundScored(db: Db, instrument: Instrument, roundId: number): Promise<void> {
  if ((await getRoundScoresLayout(db, roundId)) === layoutKey(instrument)) return;
  await rescoreRound(db, instrument, roundId);
}

export interface RoundScores {
  readonly instrument: Instrument;
  readonly scores: StoredOrganisationScore[];
}

/** The round's stored scores, organisations in code point order of name. */
export async function roundScores(db: Db, round: Round): Promise<RoundScores> {
  const instrument = await instrumentOf(db, round.instrument);
  await ensureRoundScored(db, instrument, round.id);
  return { instrument, scores: await listOrganisationScores(db, round.id) };
}
