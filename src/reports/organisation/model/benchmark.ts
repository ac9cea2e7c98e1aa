/**
 * The peer comparison of the report: the round's fixed groups under disclosure control
 * (`src/core/benchmark`), the group the profile and the ranking are compared with, and the
 * peers' ranking of the competencies.
 */
import {
  benchmarkOrganisation,
  prepareRound,
  type GroupBenchmark,
  type GroupFigure,
  type PreparedRound,
} from '../../../core/benchmark/benchmark.ts';
import type { BenchmarkOrganisation } from '../../../core/benchmark/groups.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import { refDecimals } from '../../../i18n/explain.ts';
import { formatNumber, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { dimensionLabel, sectorLabel, sizeBandLabel } from './labels.ts';
import type { BenchmarkSection, GroupRef, PeerFigure, RankingRow, RankingSection } from './types.ts';

export interface PeerComparison {
  section: BenchmarkSection;
  /** Figures of the comparison group, by ref (including the competencies' mean ranks). */
  comparisonFigures: Readonly<Record<string, GroupFigure>> | null;
}

/** "Most similar" is the natural peer group (as comparison municipalities are); all, if it is too small. */
const COMPARISON_ORDER = ['similar', 'all'] as const;

/** The values a report compares beside the instrument's refs: the index and the competencies' mean ranks. */
export function peerExtraRefs(instrument: Instrument): string[] {
  const indexRef = instrument.def.index;
  const rankRefs = instrument.def.competencies.map((c) => c.rank);
  return indexRef ? [indexRef, ...rankRefs] : rankRefs;
}

/** The refs a prepared round for reports holds: what `decodeValues` needs to read per peer. */
export function peerRefs(instrument: Instrument): string[] {
  return [...new Set([...(instrument.def.benchmark?.refs ?? []), ...peerExtraRefs(instrument)])];
}

/** The round's peer groups, prepared once and shared by every report of the round. */
export function preparePeers(
  instrument: Instrument,
  orgs: readonly BenchmarkOrganisation[],
  k: number,
): PreparedRound | null {
  if (!instrument.def.benchmark) return null;
  return prepareRound(instrument, orgs, k, { extraRefs: peerExtraRefs(instrument) });
}

export function comparePeers(
  instrument: Instrument,
  prepared: PreparedRound | null,
  own: BenchmarkOrganisation,
  k: number,
  lang: Lang,
): PeerComparison {
  const config = instrument.def.benchmark;
  const indexRef = instrument.def.index;
  const empty: PeerComparison = {
    section: { k, comparison: null, groups: [], dimensions: [] },
    comparisonFigures: null,
  };
  if (!config || !prepared) return empty;
  const groups = benchmarkOrganisation(prepared, own.name);
  if (!groups) return empty;

  // The index leads: it is the one figure a board asks about first.
  const refs = [...new Set([...(indexRef ? [indexRef] : []), ...config.refs])];
  const groupRefs = groups.map((g) => groupRef(g, own, instrument, lang));
  const comparisonIndex = COMPARISON_ORDER.map((kind) =>
    groups.findIndex((g) => g.kind === kind && g.member && g.size >= k),
  ).find((i) => i >= 0);
  const comparison = comparisonIndex === undefined ? null : groups[comparisonIndex]!;

  return {
    section: {
      k,
      comparison: comparisonIndex === undefined ? null : groupRefs[comparisonIndex]!,
      groups: groupRefs,
      dimensions: refs.map((ref) => ({
        ref,
        label: dimensionLabel(instrument, ref, lang),
        decimals: refDecimals(instrument, ref),
        value: own.values[ref] ?? null,
        figures: Object.fromEntries(groups.map((g) => [g.groupId, peerFigure(g.figures[ref])])),
      })),
    },
    comparisonFigures: comparison?.figures ?? null,
  };
}

/** The view of a core figure: the organisation's own value is shown elsewhere, once. */
export function peerFigure(f: GroupFigure | undefined): PeerFigure {
  if (!f || f.status === 'too-few') return { status: 'too-few', n: f?.n ?? 0 };
  return { status: 'ok', n: f.n, q1: f.q1, median: f.median, q3: f.q3, percentile: f.percentile };
}

function groupRef(
  g: GroupBenchmark,
  own: BenchmarkOrganisation,
  instrument: Instrument,
  lang: Lang,
): GroupRef {
  const t = reportT(lang);
  const share = instrument.def.benchmark?.bestPractice.topShare ?? 0.25;
  const label =
    g.kind === 'sector'
      ? t('groups.sector', { sector: sectorLabel(own.sector, lang) })
      : g.kind === 'size'
        ? t('groups.size', { size: sizeBandLabel(own.sizeBand, lang) ?? '' })
        : g.kind === 'best'
          ? t('groups.best', { share: formatNumber(share * 100, 0, lang) })
          : t(`groups.${g.kind}`);
  return {
    id: g.groupId,
    kind: g.kind,
    label,
    shortLabel: t(`groupsShort.${g.kind}`),
    size: g.size,
    member: g.member,
  };
}

/** The competencies in the organisation's order of importance, beside the comparison group's. */
export function rankingSection(
  instrument: Instrument,
  values: Readonly<Record<string, number | null>>,
  ownRanking: readonly string[],
  comparison: PeerComparison,
  lang: Lang,
): RankingSection {
  const figures = comparison.comparisonFigures;
  const peer = instrument.def.competencies
    .map((c, i) => ({ id: c.id, i, f: figures?.[c.rank] }))
    .filter(
      (p): p is { id: string; i: number; f: Extract<GroupFigure, { status: 'ok' }> } => p.f?.status === 'ok',
    )
    .sort((a, b) => a.f.median - b.f.median || a.i - b.i);
  const peerPlace = new Map(peer.map((p, place) => [p.id, { place: place + 1, median: p.f.median }]));
  const rows: RankingRow[] = instrument.def.competencies.map((c) => {
    const place = ownRanking.indexOf(c.id);
    return {
      id: c.id,
      label: localize(c.label, lang),
      place: place >= 0 ? place + 1 : null,
      meanRank: values[c.rank] ?? null,
      peerPlace: peerPlace.get(c.id)?.place ?? null,
      peerMedianRank: peerPlace.get(c.id)?.median ?? null,
    };
  });
  rows.sort((a, b) => (a.place ?? Infinity) - (b.place ?? Infinity));
  const group = comparison.section.comparison;
  return {
    comparison: group,
    peerStatus: group === null ? 'none' : peer.length > 0 ? 'ok' : 'too-few',
    size: instrument.def.competencies.length,
    rows,
  };
}
