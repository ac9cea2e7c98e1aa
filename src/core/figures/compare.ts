/**
 * Two respondent groups of one organisation side by side (business leaders and IT leaders, in
 * dt-offentlig): each group's means of every scale item and measure, its mean ranks, the
 * differences that reach the comparison's thresholds, and the rank correlation of the two
 * groups' orders. Whether a comparison may be shown is the release's decision
 * (src/core/release/organisation-version.ts), never this module's.
 */
import { conditionHolds } from '../answers/conditions.ts';
import type { RespondentData } from '../exchange/types.ts';
import type { ComparisonDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import { spearman } from '../util/stats.ts';
import { meanValues } from './organisation-row.ts';

export interface ComparisonRow {
  /** Answer id or measure id. */
  id: string;
  kind: 'item' | 'measure' | 'rank';
  /** The first group's mean, the second's; null where a group has no value. */
  a: number | null;
  b: number | null;
  /** a − b; null when either is missing. */
  difference: number | null;
  /** The threshold this row is compared with (points, or rank places). */
  threshold: number;
  flagged: boolean;
}

export interface Comparison {
  readonly comparison: ComparisonDef;
  readonly counts: readonly [number, number];
  readonly rows: ComparisonRow[];
  /** Flagged rows, largest first relative to their threshold. */
  readonly flagged: ComparisonRow[];
  /** Spearman correlation of the two groups' mean ranks; null when undefined. */
  readonly rankCorrelation: number | null;
}

/** The members of a declared respondent group (all respondents for an unknown id). */
export function groupMembers(
  instrument: Instrument,
  group: string,
  respondents: readonly RespondentData[],
): RespondentData[] {
  const def = instrument.respondentGroups.find((g) => g.id === group);
  return def ? respondents.filter((r) => conditionHolds(def.where, r.answers)) : [...respondents];
}

/**
 * The comparison's rows; with `rows`, only those (the ones a release allows: see
 * src/core/release/organisation-version.ts), the rank correlation over the allowed ranks.
 */
export function compareGroups(
  instrument: Instrument,
  comparison: ComparisonDef,
  respondents: readonly RespondentData[],
  allowed?: ReadonlySet<string>,
): Comparison {
  const [ga, gb] = comparison.groups.map((g) => groupMembers(instrument, g, respondents)) as [
    RespondentData[],
    RespondentData[],
  ];
  const a = meanValues(instrument, ga);
  const b = meanValues(instrument, gb);
  const rows: ComparisonRow[] = [];
  const row = (id: string, kind: ComparisonRow['kind'], threshold: number) => {
    if (allowed && !allowed.has(id)) return;
    const x = a[id] ?? null;
    const y = b[id] ?? null;
    const difference = x === null || y === null ? null : x - y;
    rows.push({
      id,
      kind,
      a: x,
      b: y,
      difference,
      threshold,
      flagged: difference !== null && Math.abs(difference) >= threshold - 1e-9,
    });
  };
  const rankIds: string[] = [];
  for (const [id, slot] of instrument.slotById) {
    if (slot.kind === 'scale') row(id, 'item', comparison.pointThreshold);
    if (slot.kind === 'rank' && (!allowed || allowed.has(id))) {
      row(id, 'rank', comparison.rankThreshold);
      rankIds.push(id);
    }
  }
  for (const m of instrument.measures) {
    // A rescaled measure (the 0–100 index) is compared in its own units.
    const factor = m.rescale
      ? Math.abs((m.rescale.to[1] - m.rescale.to[0]) / (m.rescale.from[1] - m.rescale.from[0]))
      : 1;
    row(m.id, 'measure', comparison.pointThreshold * factor);
  }
  const paired = rankIds.filter((id) => a[id] != null && b[id] != null);
  const rankCorrelation = spearman(
    paired.map((id) => a[id]!),
    paired.map((id) => b[id]!),
  );
  const flagged = rows
    .filter((r) => r.flagged)
    .sort((x, y) => Math.abs(y.difference!) / y.threshold - Math.abs(x.difference!) / x.threshold);
  return { comparison, counts: [ga.length, gb.length], rows, flagged, rankCorrelation };
}
