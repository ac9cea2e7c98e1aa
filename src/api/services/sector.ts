/**
 * The sector figures of a round in the contract's JSON shape (instrument-spec.md), read from
 * the round's latest release: never computed live, so one more answer can never be read off
 * by comparing two calls.
 */
import { sectorFiguresJson, type SectorFiguresJson } from '../../core/release/read.ts';
import { requireRoundByName, type Db } from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';
import { latestRelease } from './releases.ts';

export interface TooFewFigures {
  readonly round: string;
  readonly instrument: string;
  readonly suppressed: true;
  readonly k: number;
  readonly release: { readonly number: number; readonly at: string } | null;
}

export async function roundSectorFigures(
  db: Db,
  roundName: string,
): Promise<SectorFiguresJson | TooFewFigures> {
  const round = await requireRoundByName(db, roundName);
  const instrument = await instrumentOf(db, round.instrument);
  const release = await latestRelease(db, round);
  const figures = release ? sectorFiguresJson(instrument, round.name, release.content) : null;
  return (
    figures ?? {
      round: round.name,
      instrument: instrument.id,
      suppressed: true,
      k: round.kMin,
      release: release ? { number: release.number, at: release.content.at } : null,
    }
  );
}
