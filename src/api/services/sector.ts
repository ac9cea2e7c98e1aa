/**
 * The sector figures of a round, from the stored organisation scores (one row per
 * organisation, kept current on every submission and import) with the core's rules. The rows
 * are read as columns of numbers: at EU scale no object per organisation is built.
 */
import { valuePosition } from '../../core/scoring/stored.ts';
import { sectorFiguresOfColumns, type SectorFigures } from '../../core/sector/figures.ts';
import { listScoreValues, requireRoundByName, type Db } from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';
import { ensureRoundScored } from './scores.ts';

export async function roundSectorFigures(db: Db, roundName: string): Promise<SectorFigures> {
  const round = await requireRoundByName(db, roundName);
  const instrument = await instrumentOf(db, round.instrument);
  await ensureRoundScored(db, instrument, round.id);
  const rows = await listScoreValues(db, round.id);
  const columns = new Map<string, Float64Array>();
  return sectorFiguresOfColumns(instrument, round.name, {
    organisations: rows.length,
    respondents: rows.reduce((sum, r) => sum + r.respondents, 0),
    stages: rows.map((r) => r.stage),
    column(ref) {
      let column = columns.get(ref);
      if (!column) {
        const at = valuePosition(instrument, ref);
        column = Float64Array.from(rows, (r) => (at === undefined ? Number.NaN : r.values[at]!));
        columns.set(ref, column);
      }
      return column;
    },
  });
}
