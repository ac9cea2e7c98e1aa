/** The sector figures of a round, computed from what is stored with the core's rules. */
import { scoreOrganisation } from '../../core/scoring/organisation.ts';
import { sectorFigures, type SectorFigures } from '../../core/sector/figures.ts';
import { loadRoundData, type Db } from '../../storage/index.ts';
import { instrumentOf } from './instruments.ts';

export async function roundSectorFigures(db: Db, roundName: string): Promise<SectorFigures> {
  const { round, organisations } = await loadRoundData(db, roundName);
  const instrument = await instrumentOf(db, round.instrument);
  return sectorFigures(
    instrument,
    round.name,
    organisations.map((o) => scoreOrganisation(instrument, o)),
  );
}
