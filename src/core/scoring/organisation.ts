/**
 * An organisation's figures. Each item is first averaged over the respondents who answered
 * it; measures, the index and the stage are then computed from those item means.
 */
import type { Instrument } from '../instrument/types.ts';
import type { OrganisationData, Sector } from '../exchange/types.ts';
import { placeStage, type StagePlacement } from '../stages/place.ts';
import { answeredCounts, meanValues } from '../figures/organisation-row.ts';
import type { Values } from './measures.ts';

export interface OrganisationScore {
  organisation: string;
  sector: Sector;
  respondents: number;
  /** Item means and measures; null where nobody answered. */
  values: Values;
  /** How many respondents answered each numeric answer id. */
  answered: Readonly<Record<string, number>>;
  /** Competency ids, most important first (mean rank; ties in instrument order). */
  ranking: string[];
  index: number | null;
  stage: StagePlacement | null;
}

export function rankCompetencies(instrument: Instrument, values: Values): string[] {
  const order = instrument.def.competencies.map((c, i) => ({ id: c.id, rank: values[c.rank] ?? null, i }));
  return order
    .filter((c) => c.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.i - b.i)
    .map((c) => c.id);
}

export function scoreOrganisation(instrument: Instrument, org: OrganisationData): OrganisationScore {
  const values = meanValues(instrument, org.respondents);
  const index = instrument.def.index ? (values[instrument.def.index] ?? null) : null;
  return {
    organisation: org.name,
    sector: org.sector,
    respondents: org.respondents.length,
    values,
    answered: answeredCounts(instrument, org.respondents),
    ranking: rankCompetencies(instrument, values),
    index,
    stage: instrument.def.stages.length > 0 ? placeStage(instrument, values) : null,
  };
}
