/**
 * Sector figures for a set of organisations, in the shape the instrument declares
 * (`sectorFigures`). Every figure is over organisations: each organisation's value is first
 * aggregated over its respondents. Means are unrounded; distributions count organisations by
 * their value rounded half up.
 */
import type { SectorNode } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import type { OrganisationScore } from '../scoring/organisation.ts';
import { roundHalfUp } from '../util/stats.ts';

export type SectorFigures = { round: string; organisations: number; respondents: number } & Record<
  string,
  unknown
>;

/** What a sector figure needs of an organisation's score (a stored score has no more). */
export type SectorScore = Pick<OrganisationScore, 'values' | 'respondents'> & {
  readonly stage: { readonly stage: string | null } | null;
};

/** The value ids the instrument's sector figures read. */
export function sectorFigureRefs(instrument: Instrument): string[] {
  const refs = new Set<string>();
  const walk = (node: SectorNode): void => {
    if (typeof node === 'string') refs.add(node);
    else if ('distribution' in node && typeof node.distribution === 'string') refs.add(node.distribution);
    else if (!('stageCounts' in node && node.stageCounts === true))
      for (const child of Object.values(node as Record<string, SectorNode>)) walk(child);
  };
  for (const node of Object.values(instrument.def.sectorFigures ?? {})) walk(node);
  return [...refs];
}

export function sectorFigures(
  instrument: Instrument,
  round: string,
  scores: readonly SectorScore[],
): SectorFigures {
  const columns = new Map<string, Float64Array>();
  return sectorFiguresOfColumns(instrument, round, {
    organisations: scores.length,
    respondents: scores.reduce((sum, s) => sum + s.respondents, 0),
    stages: scores.map((s) => s.stage?.stage ?? null),
    column(ref) {
      let c = columns.get(ref);
      if (!c) {
        c = Float64Array.from(scores, (s) => s.values[ref] ?? Number.NaN);
        columns.set(ref, c);
      }
      return c;
    },
  });
}

/** The organisations' values one column per value id: how stored scores are read at scale. */
export interface SectorColumns {
  readonly organisations: number;
  readonly respondents: number;
  /** Each organisation's stage id, or null. */
  readonly stages: readonly (string | null)[];
  /** Every organisation's value of `ref`, in one order for all refs; NaN where it has none. */
  column(ref: string): ArrayLike<number>;
}

export function sectorFiguresOfColumns(
  instrument: Instrument,
  round: string,
  data: SectorColumns,
): SectorFigures {
  const evaluate = (node: SectorNode): unknown => {
    if (typeof node === 'string') return columnMean(data.column(node));
    if ('distribution' in node && typeof node.distribution === 'string') {
      const slot = instrument.slotById.get(node.distribution);
      const counts: Record<string, number> = {};
      if (slot?.kind === 'scale')
        for (let p = slot.scale.min; p <= slot.scale.max; p++) counts[String(p)] = 0;
      const values = data.column(node.distribution);
      for (let i = 0; i < values.length; i++) {
        const v = values[i]!;
        if (Number.isNaN(v)) continue;
        const key = String(roundHalfUp(v));
        counts[key] = (counts[key] ?? 0) + 1;
      }
      return counts;
    }
    if ('stageCounts' in node && node.stageCounts === true) {
      const counts: Record<string, number> = {};
      for (const st of instrument.def.stages) counts[st.id] = 0;
      for (const stage of data.stages) if (stage) counts[stage] = (counts[stage] ?? 0) + 1;
      return counts;
    }
    return Object.fromEntries(
      Object.entries(node as Record<string, SectorNode>).map(([k, v]) => [k, evaluate(v)]),
    );
  };
  const out: SectorFigures = { round, organisations: data.organisations, respondents: data.respondents };
  for (const [key, node] of Object.entries(instrument.def.sectorFigures ?? {})) out[key] = evaluate(node);
  return out;
}

/** Mean of the values that exist (not NaN), in order; null when none does (as `mean`). */
function columnMean(values: ArrayLike<number>): number | null {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? null : sum / n;
}
