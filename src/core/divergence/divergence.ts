/**
 * Where an organisation's business leaders and IT leaders see things differently: group
 * means of every scale item and measure, mean ranks of every ranked option, and the rank
 * correlation of the two groups' rankings. The groups and thresholds come from the instrument.
 */
import type { Instrument } from '../instrument/types.ts';
import type { RespondentData } from '../exchange/types.ts';
import { groupValues } from '../scoring/organisation.ts';
import { spearman } from '../util/stats.ts';

export type DivergenceGroup = 'business' | 'it';

export interface DivergenceRow {
  /** Answer id or measure id. */
  id: string;
  kind: 'item' | 'measure' | 'rank';
  business: number | null;
  it: number | null;
  /** business − it; null when either group has no value. */
  difference: number | null;
  /** The threshold this row is compared with (points, or rank places). */
  threshold: number;
  flagged: boolean;
}

export type Divergence =
  | { status: 'not-enough-respondents'; counts: Record<DivergenceGroup, number>; missing: DivergenceGroup[] }
  | {
      status: 'ok';
      counts: Record<DivergenceGroup, number>;
      rows: DivergenceRow[];
      /** Flagged rows, largest first (relative to their threshold). */
      flagged: DivergenceRow[];
      /** Spearman correlation of the groups' mean ranks; null when undefined. */
      rankCorrelation: number | null;
    };

export function divergence(
  instrument: Instrument,
  respondents: readonly RespondentData[],
): Divergence | null {
  const config = instrument.def.divergence;
  if (!config) return null;
  const groupOf = (r: RespondentData): DivergenceGroup | null => {
    const role = r.answers[config.groupItem];
    if (typeof role !== 'string') return null;
    if (config.groups.business.includes(role)) return 'business';
    if (config.groups.it.includes(role)) return 'it';
    return null;
  };
  const members: Record<DivergenceGroup, RespondentData[]> = { business: [], it: [] };
  for (const r of respondents) {
    const g = groupOf(r);
    if (g) members[g].push(r);
  }
  const counts = { business: members.business.length, it: members.it.length };
  const missing = (['business', 'it'] as const).filter((g) => counts[g] === 0);
  if (missing.length > 0) return { status: 'not-enough-respondents', counts, missing };

  const b = groupValues(instrument, members.business).values;
  const i = groupValues(instrument, members.it).values;
  const rows: DivergenceRow[] = [];
  const row = (id: string, kind: DivergenceRow['kind'], threshold: number) => {
    const bv = b[id] ?? null;
    const iv = i[id] ?? null;
    const difference = bv === null || iv === null ? null : bv - iv;
    rows.push({
      id,
      kind,
      business: bv,
      it: iv,
      difference,
      threshold,
      flagged: difference !== null && Math.abs(difference) >= threshold - 1e-9,
    });
  };
  const rankIds: string[] = [];
  for (const [id, slot] of instrument.slotById) {
    if (slot.kind === 'scale') row(id, 'item', config.pointThreshold);
    if (slot.kind === 'rank') {
      row(id, 'rank', config.rankThreshold);
      rankIds.push(id);
    }
  }
  for (const m of instrument.measures) {
    // A rescaled measure (the 0–100 index) is compared in its own units.
    const factor = m.rescale
      ? Math.abs((m.rescale.to[1] - m.rescale.to[0]) / (m.rescale.from[1] - m.rescale.from[0]))
      : 1;
    row(m.id, 'measure', config.pointThreshold * factor);
  }
  const paired = rankIds.filter((id) => b[id] != null && i[id] != null);
  const rankCorrelation = spearman(
    paired.map((id) => b[id]!),
    paired.map((id) => i[id]!),
  );
  const flagged = rows
    .filter((r) => r.flagged)
    .sort((x, y) => Math.abs(y.difference!) / y.threshold - Math.abs(x.difference!) / x.threshold);
  return { status: 'ok', counts, rows, flagged, rankCorrelation };
}
