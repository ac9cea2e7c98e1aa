/**
 * An organisation's figures. Each item is first averaged over the respondents who answered
 * it; measures, the index and the stage are then computed from those item means.
 */
import { numericValue } from '../answers/values.ts';
import type { Instrument } from '../instrument/types.ts';
import type { OrganisationData, RespondentData, Sector } from '../exchange/types.ts';
import { placeStage, type StagePlacement } from '../stages/place.ts';
import { evaluateMeasures, type Values } from './measures.ts';

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
  const sums = new Map<string, { sum: number; n: number }>();
  for (const r of respondents) {
    for (const [id, value] of Object.entries(r.answers)) {
      const v = numericValue(value);
      if (v === null) continue;
      const s = sums.get(id);
      if (s) {
        s.sum += v;
        s.n++;
      } else sums.set(id, { sum: v, n: 1 });
    }
  }
  const answered: Record<string, number> = {};
  const values = evaluateMeasures(instrument, (id) => {
    const s = sums.get(id);
    answered[id] = s?.n ?? 0;
    return s ? s.sum / s.n : null;
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
