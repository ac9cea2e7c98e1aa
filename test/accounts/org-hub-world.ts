/**
 * The report world (two dt-offentlig rounds, staff of every kind) plus a security-triangle round
 * that every organisation but `other` answered, with evidence of its own: what the overview and
 * checklist tests stand on.
 */
import type { OrganisationData } from '../../src/core/exchange/types.ts';
import { loadBuiltinInstrumentSource } from '../../src/instruments/registry.ts';
import { importRound, loadRoundData, type Db } from '../../src/storage/index.ts';
import { TRIANGLE } from '../core/overview-fixtures.ts';
import { seedReportWorld, type ReportWorld } from '../reports/world.ts';

export const MINE = 'Direktionsreferat 4. maj (vores egen)';
export const THEIRS = 'Leverandøraftale (en anden organisations)';

/** The triangle answers with a piece of evidence on a `ja` item, said by `who`. */
function triangleOf(name: string, sector: string, evidence: string): OrganisationData {
  const [r1, r2] = TRIANGLE.respondents;
  return {
    name,
    sector,
    respondents: [
      { id: `${name}-1`, answers: { ...r1!.answers, 'sec.processer.c1.evidence': evidence } },
      { id: `${name}-2`, answers: { ...r2!.answers } },
    ],
  };
}

export async function seedOrgHub(db: Db): Promise<ReportWorld> {
  const world = await seedReportWorld(db, 12);
  const { instrument, text } = await loadBuiltinInstrumentSource('sikkerhedstrekant');
  // Every organisation but `other` answers the triangle; `other` has no triangle result.
  const organisations = (await loadRoundData(db, 'r-2026')).organisations
    .filter((o) => o.name !== world.other.name)
    .map((o) => triangleOf(o.name, o.sector, o.name === world.mine.name ? MINE : THEIRS));
  await importRound(db, {
    roundName: 'sikkerhed-2026',
    instrument: { id: instrument.id, version: instrument.version, definitionText: text },
    organisations,
  });
  return world;
}
