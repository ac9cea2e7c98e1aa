/**
 * The sector figures of a round, from the stored organisation scores (one row per
 * organisation, kept current on every submission and import) with the core's rules. The rows
 * are read as columns of numbers: at EU scale no object per organisation is built.
 */
import { valuePosition } from '../../core/scoring/stored.ts';
import { sectorFigureRefs, sectorFiguresOfColumns, type SectorFigures } from '../../core/sector/figures.ts';
import { readScoreColumns, requireRoundByName, type Db } from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';
import { ensureRoundScored } from './scores.ts';

export async function roundSectorFigures(db: Db, roundName: string): Promise<SectorFigures> {
  const round = await requireRoundByName(db, roundName);
  const instrument = await instrumentOf(db, round.instrument);
  await ensureRoundScored(db, instrument, round.id);
  const refs = sectorFigureRefs(instrument).filter((ref) => valuePosition(instrument, ref) !== undefined);
  const data = await readScoreColumns(
    db,
    round.id,
    refs.map((ref) => valuePosition(instrument, ref)!),
  );
  const byRef = new Map(refs.map((ref, i) => [ref, data.columns[i]!]));
  const none = new Float64Array(data.organisations).fill(Number.NaN);
  return sectorFiguresOfColumns(instrument, round.name, {
    organisations: data.organisations,
    respondents: data.respondents,
    stages: data.stages,
    column: (ref) => byRef.get(ref) ?? none,
  });
}
