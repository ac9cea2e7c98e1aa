/** A round's sector report and open data, computed from what is stored. */
import { instrumentOf } from '../api/services/instruments.ts';
import { buildOpenData, type OpenData } from '../open-data/build.ts';
import { buildSectorReport, type SectorReport } from '../reports/sector/model.ts';
import { listRounds, loadRoundData, type Db, type Round } from '../storage/index.ts';

/** The round before this one on the same instrument, for "change since the previous round". */
export async function previousRound(db: Db, round: Round): Promise<Round | undefined> {
  const rounds = await listRounds(db);
  const earlier = rounds.filter(
    (r) =>
      r.instrument.id === round.instrument.id &&
      r.id !== round.id &&
      r.createdAt <= round.createdAt &&
      r.id < round.id,
  );
  return earlier.at(-1);
}

export async function roundSectorReport(db: Db, round: Round): Promise<SectorReport> {
  const [{ organisations }, instrument, previous] = await Promise.all([
    loadRoundData(db, round.name),
    instrumentOf(db, round.instrument),
    previousRound(db, round),
  ]);
  const previousData = previous ? await loadRoundData(db, previous.name) : undefined;
  return buildSectorReport({
    instrument,
    round: round.name,
    k: round.kMin,
    organisations,
    previous: previousData
      ? { round: previousData.round.name, organisations: previousData.organisations }
      : null,
  });
}

export async function roundOpenData(db: Db, round: Round): Promise<OpenData> {
  const [{ organisations }, instrument] = await Promise.all([
    loadRoundData(db, round.name),
    instrumentOf(db, round.instrument),
  ]);
  return buildOpenData(instrument, round.name, round.kMin, organisations);
}
