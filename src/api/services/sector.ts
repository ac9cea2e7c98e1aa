/**
 * The sector figures of a round, from the stored organisation scores (one row per
 * organisation, kept current on every submission and import) with the core's rules.
 */
import { decodeValues } from '../../core/scoring/stored.ts';
import { sectorFigureRefs, sectorFigures, type SectorFigures } from '../../core/sector/figures.ts';
import { requireRoundByName, type Db } from '../../storage/index.ts';
import { roundScores } from './scores.ts';

export async function roundSectorFigures(db: Db, roundName: string): Promise<SectorFigures> {
  const round = await requireRoundByName(db, roundName);
  const { instrument, scores } = await roundScores(db, round);
  const refs = sectorFigureRefs(instrument);
  return sectorFigures(
    instrument,
    round.name,
    scores.map((s) => ({
      respondents: s.respondents,
      stage: { stage: s.stage },
      values: decodeValues(instrument, s.values, refs),
    })),
  );
}
