/**
 * The core's front door for one organisation: from its respondents' answers to its scores,
 * stage, respondent-group comparisons and advice. Figures over several organisations come
 * from releases (src/core/release), never from here.
 */
import { advise, type AdviceItem } from './advice/advise.ts';
import type { OrganisationData } from './exchange/types.ts';
import { compareGroups, type Comparison } from './figures/compare.ts';
import type { Instrument } from './instrument/types.ts';
import { scoreOrganisation, type OrganisationScore } from './scoring/organisation.ts';

export interface OrganisationAnalysis {
  score: OrganisationScore;
  /** Every declared comparison, computed; whether one may be shown is the release's decision. */
  comparisons: Comparison[];
  advice: AdviceItem[];
}

/**
 * `allowedRows`: per comparison id, the rows a release lets the organisation see; without it,
 * every row is computed (the arithmetic, for the file commands and tests).
 */
export function analyseOrganisation(
  instrument: Instrument,
  org: OrganisationData,
  allowedRows?: Readonly<Record<string, readonly string[]>>,
): OrganisationAnalysis {
  const score = scoreOrganisation(instrument, org);
  return {
    score,
    comparisons: instrument.comparisons.map((c) =>
      compareGroups(
        instrument,
        c,
        org.respondents,
        allowedRows ? new Set(allowedRows[c.id] ?? []) : undefined,
      ),
    ),
    advice: advise(instrument, score.values),
  };
}
