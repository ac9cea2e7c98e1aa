/**
 * The core's front door: from an instrument and a round's data to every figure the edges
 * show. Data flows one way: answers → scores → stage → divergence → advice → sector figures.
 */
import { advise, type AdviceItem } from './advice/advise.ts';
import { divergence, type Divergence } from './divergence/divergence.ts';
import type { OrganisationData } from './exchange/types.ts';
import type { Instrument } from './instrument/types.ts';
import { scoreOrganisation, type OrganisationScore } from './scoring/organisation.ts';
import { sectorFigures, type SectorFigures } from './sector/figures.ts';

export interface OrganisationAnalysis {
  score: OrganisationScore;
  divergence: Divergence | null;
  advice: AdviceItem[];
}

export function analyseOrganisation(instrument: Instrument, org: OrganisationData): OrganisationAnalysis {
  const score = scoreOrganisation(instrument, org);
  return {
    score,
    divergence: divergence(instrument, org.respondents),
    advice: advise(instrument, score.values),
  };
}

export interface RoundAnalysis {
  organisations: OrganisationAnalysis[];
  sector: SectorFigures;
}

export function analyseRound(
  instrument: Instrument,
  round: string,
  orgs: readonly OrganisationData[],
): RoundAnalysis {
  const organisations = orgs.map((o) => analyseOrganisation(instrument, o));
  return {
    organisations,
    sector: sectorFigures(
      instrument,
      round,
      organisations.map((a) => a.score),
    ),
  };
}
