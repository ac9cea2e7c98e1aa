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

/**
 * The parts a comparison is read in, each its own list: single questions, competency scores,
 * domain gaps (priority − effort), the ranking, and any other measure (the index). Which
 * measure is a competency score or a domain gap is the instrument's declaration
 * (`competencies[].score`, `domains[].gap`).
 */
export const COMPARISON_PARTS = ['questions', 'competencies', 'gaps', 'ranks', 'measures'] as const;
export type ComparisonPart = (typeof COMPARISON_PARTS)[number];

export interface ComparisonRow {
  /** Answer id or measure id. */
  id: string;
  kind: 'item' | 'measure' | 'rank';
  part: ComparisonPart;
  /**
   * Which group holds this higher: index 0 or 1 of the comparison's groups; null when equal or
   * missing. For a rank a smaller mean rank is higher (1 = most important).
   */
  higher: 0 | 1 | null;
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
  /** The flagged rows part by part (in COMPARISON_PARTS order, empty parts left out), each largest difference first. */
  readonly parts: readonly { readonly part: ComparisonPart; readonly rows: readonly ComparisonRow[] }[];
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
  const competencyScores = new Set(instrument.def.competencies.map((c) => c.score));
  const domainGaps = new Set(instrument.def.domains.map((d) => d.gap));
  const partOf = (id: string, kind: ComparisonRow['kind']): ComparisonPart =>
    kind === 'item'
      ? 'questions'
      : kind === 'rank'
        ? 'ranks'
        : competencyScores.has(id)
          ? 'competencies'
          : domainGaps.has(id)
            ? 'gaps'
            : 'measures';
  const row = (id: string, kind: ComparisonRow['kind'], threshold: number) => {
    if (allowed && !allowed.has(id)) return;
    const x = a[id] ?? null;
    const y = b[id] ?? null;
    const difference = x === null || y === null ? null : x - y;
    const aHigher =
      difference === null || difference === 0 ? null : kind === 'rank' ? difference < 0 : difference > 0;
    rows.push({
      id,
      kind,
      part: partOf(id, kind),
      higher: aHigher === null ? null : aHigher ? 0 : 1,
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
  const flagged = rows.filter((r) => r.flagged).sort((x, y) => relativeSize(y) - relativeSize(x));
  const parts = COMPARISON_PARTS.map((part) => ({
    part,
    // Within a part every row has the same threshold but the measures' (the index is in its
    // own units), so the size relative to the threshold orders them all alike.
    rows: flagged
      .filter((r) => r.part === part)
      .sort((x, y) => relativeSize(y) - relativeSize(x) || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0)),
  })).filter((p) => p.rows.length > 0);
  return { comparison, counts: [ga.length, gb.length], rows, flagged, parts, rankCorrelation };
}

function relativeSize(r: ComparisonRow): number {
  return r.difference === null ? 0 : Math.abs(r.difference) / r.threshold;
}
