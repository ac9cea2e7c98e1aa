/** A round's sector report and open data, read from its latest release. */
import { instrumentOf } from './instruments.ts';
import { latestRelease } from './releases.ts';
import { buildOpenData, type OpenData } from '../../open-data/build.ts';
import { buildSectorReport, type SectorReport } from '../../reports/sector/model.ts';
import { listRounds, type Db, type Round } from '../../storage/index.ts';

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

export class NoReleaseError extends Error {
  constructor(readonly round: string) {
    super(`Round ${round} has no answers to release yet`);
  }
}

export async function roundSectorReport(db: Db, round: Round): Promise<SectorReport> {
  const [instrument, release, previous] = await Promise.all([
    instrumentOf(db, round.instrument),
    latestRelease(db, round),
    previousRound(db, round),
  ]);
  if (!release) throw new NoReleaseError(round.name);
  const previousRelease = previous ? await latestRelease(db, previous) : null;
  return buildSectorReport({
    instrument,
    round: round.name,
    release: release.content,
    previous:
      previous && previousRelease
        ? {
            round: previous.name,
            instrument: await instrumentOf(db, previous.instrument),
            release: previousRelease.content,
          }
        : null,
  });
}

export async function roundOpenData(db: Db, round: Round): Promise<OpenData> {
  const [instrument, release] = await Promise.all([
    instrumentOf(db, round.instrument),
    latestRelease(db, round),
  ]);
  if (!release) throw new NoReleaseError(round.name);
  return buildOpenData(instrument, round.name, release.content);
}
