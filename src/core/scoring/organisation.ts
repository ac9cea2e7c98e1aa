/**
 * An organisation's figures. Each item is first averaged over the respondents who answered
 * it; measures, the index and the stage are then computed from those item means.
 */
import type { Instrument } from '../instrument/types.ts';
import type { OrganisationData, RespondentData, Sector } from '../exchange/types.ts';
import { placeStage, type StagePlacement } from '../stages/place.ts';
import { evaluateMeasures, numericAnswerIds, type Values } from './measures.ts';

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

export interface ItemMeans {
  values: Values;
  answered: Record<string, number>;
}

/** Mean of every numeric answer over the respondents who gave it, then all measures. */
export function groupValues(instrument: Instrument, respondents: readonly RespondentData[]): ItemMeans {
  // Hot path at national and EU scale: plain arrays indexed by position, no per-answer maps.
  const ids = numericAnswerIds(instrument);
  const sums = new Float64Array(ids.length);
  const counts = new Uint32Array(ids.length);
  for (const r of respondents) {
    for (let k = 0; k < ids.length; k++) {
      const v = r.answers[ids[k]!];
      if (typeof v === 'number' && Number.isFinite(v)) {
        sums[k]! += v;
        counts[k]!++;
      }
    }
  }
  const answered: Record<string, number> = {};
  const values = evaluateMeasures(instrument, (id, k) => {
    answered[id] = counts[k]!;
    return counts[k]! === 0 ? null : sums[k]! / counts[k]!;
  });
  return { values, answered };
}

export function rankCompetencies(instrument: Instrument, values: Values): string[] {
  const order = instrument.def.competencies.map((c, i) => ({ id: c.id, rank: values[c.rank] ?? null, i }));
  return order
    .filter((c) => c.rank !== null)
    .sort((a, b) => a.rank! - b.rank! || a.i - b.i)
    .map((c) => c.id);
}

export function scoreOrganisation(instrument: Instrument, org: OrganisationData): OrganisationScore {
  const { values, answered } = groupValues(instrument, org.respondents);
  const index = instrument.def.index ? (values[instrument.def.index] ?? null) : null;
  return {
    organisation: org.name,
    sector: org.sector,
    respondents: org.respondents.length,
    values,
    answered,
    ranking: rankCompetencies(instrument, values),
    index,
    stage: instrument.def.stages.length > 0 ? placeStage(instrument, values) : null,
  };
}
