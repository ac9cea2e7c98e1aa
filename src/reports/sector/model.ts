/**
 * The sector report's figures, from a round's data: pure (no I/O), built on the core's rules
 * (scoring, sector figures, peer groups, divergence). Disclosure control throughout: a group
 * of fewer than k organisations shows only its size, and inside a group a figure that fewer
 * than k organisations have a value for is left out (null).
 */
import { checkK } from '../../core/benchmark/benchmark.ts';
import { quantile } from '../../core/benchmark/quantiles.ts';
import { divergence } from '../../core/divergence/divergence.ts';
import { SECTORS, type OrganisationData, type Sector } from '../../core/exchange/types.ts';
import type { SectorNode } from '../../core/instrument/schema.ts';
import type { Instrument } from '../../core/instrument/types.ts';
import { scoreOrganisation, type OrganisationScore } from '../../core/scoring/organisation.ts';
import { sectorFigures, type SectorFigures } from '../../core/sector/figures.ts';
import { mean } from '../../core/util/stats.ts';

export interface Suppressed {
  readonly suppressed: true;
  /** How many organisations the group has (a count is always safe to show). */
  readonly organisations: number;
}

export type GroupFigures = SectorFigures | Suppressed;

export const isSuppressed = (f: unknown): f is Suppressed =>
  typeof f === 'object' && f !== null && (f as Suppressed).suppressed === true;

export interface DivergenceFigure {
  readonly id: string;
  readonly kind: 'item' | 'measure' | 'rank';
  /** Mean over organisations of their business leaders' value. */
  readonly business: number | null;
  readonly it: number | null;
  readonly difference: number | null;
  /** Rank rows: the place in each group's order of importance (1 = most important). */
  readonly businessPlace?: number;
  readonly itPlace?: number;
}

export interface SectorDivergence {
  /** Organisations with both business and IT respondents: the ones compared. */
  readonly organisations: number;
  readonly rows: readonly DivergenceFigure[];
}

export interface SectorChange {
  readonly previous: string;
  readonly figures: GroupFigures;
  /** current − previous for every number in the figures; null where either is missing. */
  readonly delta: unknown;
}

export interface SectorReport {
  readonly round: string;
  readonly k: number;
  readonly organisations: number;
  readonly respondents: number;
  /** The sector figures of the spec over the whole round. */
  readonly overall: GroupFigures;
  readonly bySector: Partial<Record<Sector, GroupFigures>>;
  readonly bestPractice: {
    readonly ref: string;
    readonly topShare: number;
    readonly best: GroupFigures;
    readonly rest: GroupFigures;
  } | null;
  readonly divergence: SectorDivergence | Suppressed | null;
  readonly change: SectorChange | null;
}

export interface SectorReportInput {
  readonly instrument: Instrument;
  readonly round: string;
  readonly k: number;
  readonly organisations: readonly OrganisationData[];
  readonly previous?: { readonly round: string; readonly organisations: readonly OrganisationData[] } | null;
}

export function buildSectorReport(input: SectorReportInput): SectorReport {
  const { instrument, round } = input;
  const k = checkK(input.k);
  const scores = input.organisations.map((o) => scoreOrganisation(instrument, o));
  const figures = (group: readonly OrganisationScore[]) => groupFigures(instrument, round, group, k);

  const bySector: Partial<Record<Sector, GroupFigures>> = {};
  for (const sector of SECTORS) {
    const members = scores.filter((s) => s.sector === sector);
    if (members.length > 0) bySector[sector] = figures(members);
  }

  let previousFigures: GroupFigures | null = null;
  if (input.previous) {
    const previousScores = input.previous.organisations.map((o) => scoreOrganisation(instrument, o));
    previousFigures = groupFigures(instrument, input.previous.round, previousScores, k);
  }
  const overall = figures(scores);

  return {
    round,
    k,
    organisations: scores.length,
    respondents: scores.reduce((n, s) => n + s.respondents, 0),
    overall,
    bySector,
    bestPractice: bestPractice(instrument, scores, figures),
    divergence: sectorDivergence(instrument, input.organisations, k),
    change:
      input.previous && previousFigures
        ? {
            previous: input.previous.round,
            figures: previousFigures,
            delta:
              isSuppressed(overall) || isSuppressed(previousFigures) ? null : delta(overall, previousFigures),
          }
        : null,
  };
}

/** Every answer or measure id a sector figure reads. */
export function sectorRefs(node: SectorNode | Record<string, SectorNode>): string[] {
  if (typeof node === 'string') return [node];
  if ('distribution' in node && typeof node.distribution === 'string') return [node.distribution];
  if ('stageCounts' in node && node.stageCounts === true) return [];
  return Object.values(node as Record<string, SectorNode>).flatMap(sectorRefs);
}

/** The spec's figures for a group, or only its size below k. */
export function groupFigures(
  instrument: Instrument,
  round: string,
  group: readonly OrganisationScore[],
  k: number,
): GroupFigures {
  if (group.length < k) return { suppressed: true, organisations: group.length };
  // A value that fewer than k organisations have is blanked in every organisation first, so
  // the core's own sector figures leave it out (a null mean, an empty distribution).
  const refs = sectorRefs((instrument.def.sectorFigures ?? {}) as Record<string, SectorNode>);
  const thin = refs.filter((ref) => group.filter((s) => s.values[ref] != null).length < k);
  const masked =
    thin.length === 0
      ? group
      : group.map((s) => ({
          ...s,
          values: { ...s.values, ...Object.fromEntries(thin.map((r) => [r, null])) },
        }));
  return sectorFigures(instrument, round, masked);
}

function bestPractice(
  instrument: Instrument,
  scores: readonly OrganisationScore[],
  figures: (group: readonly OrganisationScore[]) => GroupFigures,
): SectorReport['bestPractice'] {
  const config = instrument.def.benchmark;
  if (!config) return null;
  // The same rule as the benchmark's best-practice group (core/benchmark/groups.ts).
  const { ref, topShare } = config.bestPractice;
  const values = scores.map((s) => s.values[ref] ?? null).filter((v): v is number => v !== null);
  const threshold = quantile(
    [...values].sort((a, b) => a - b),
    1 - topShare,
  );
  const best = new Set(
    threshold === null
      ? []
      : scores.flatMap((s, i) => ((s.values[ref] ?? -Infinity) >= threshold ? [i] : [])),
  );
  return {
    ref: config.bestPractice.ref,
    topShare: config.bestPractice.topShare,
    best: figures(scores.filter((_, i) => best.has(i))),
    rest: figures(scores.filter((_, i) => !best.has(i))),
  };
}

/**
 * Business versus IT leaders across the sector: each organisation's two group values (the
 * core's divergence), averaged over the organisations that have both groups.
 */
export function sectorDivergence(
  instrument: Instrument,
  organisations: readonly OrganisationData[],
  k: number,
): SectorDivergence | Suppressed | null {
  if (!instrument.def.divergence) return null;
  const perOrg = organisations
    .map((o) => divergence(instrument, o.respondents))
    .filter((d) => d?.status === 'ok');
  if (perOrg.length < k) return { suppressed: true, organisations: perOrg.length };
  const byId = new Map<string, { kind: DivergenceFigure['kind']; business: number[]; it: number[] }>();
  for (const d of perOrg) {
    if (d?.status !== 'ok') continue;
    for (const row of d.rows) {
      const entry = byId.get(row.id) ?? { kind: row.kind, business: [], it: [] };
      if (row.business !== null) entry.business.push(row.business);
      if (row.it !== null) entry.it.push(row.it);
      byId.set(row.id, entry);
    }
  }
  const rows: DivergenceFigure[] = [...byId].map(([id, e]) => {
    const business = e.business.length >= k ? mean(e.business) : null;
    const it = e.it.length >= k ? mean(e.it) : null;
    return {
      id,
      kind: e.kind,
      business,
      it,
      difference: business === null || it === null ? null : business - it,
    };
  });
  const places = (key: 'business' | 'it') => {
    const ranked = rows
      .map((r, i) => ({ r, i }))
      .filter(({ r }) => r.kind === 'rank' && r[key] !== null)
      .sort((a, b) => a.r[key]! - b.r[key]! || a.i - b.i);
    return new Map(ranked.map(({ r }, place) => [r.id, place + 1]));
  };
  const business = places('business');
  const it = places('it');
  return {
    organisations: perOrg.length,
    rows: rows.map((r) =>
      r.kind === 'rank' ? { ...r, businessPlace: business.get(r.id), itPlace: it.get(r.id) } : r,
    ) as DivergenceFigure[],
  };
}

/** current − previous, number by number, through the same nested shape. */
export function delta(current: unknown, previous: unknown): unknown {
  if (typeof current === 'number' && typeof previous === 'number') return current - previous;
  if (typeof current === 'object' && current !== null && typeof previous === 'object' && previous !== null) {
    return Object.fromEntries(
      Object.entries(current)
        .filter(([key]) => key !== 'round')
        .map(([key, value]) => [key, delta(value, (previous as Record<string, unknown>)[key])]),
    );
  }
  return null;
}
