/**
 * The peer comparison of the report, read from the release (src/core/release/peers.ts): the
 * organisation's peer groups with their shown figures, the group the profile and the ranking
 * are compared with, and the peers' ranking of the competencies.
 */
import type { ShownPercentile } from '../../../core/disclosure/leaf-rules.ts';
import type { ShownLeaf } from '../../../core/figures/assemble.ts';
import type { Instrument, Lang } from '../../../core/instrument/types.ts';
import type { PeerGroupView } from '../../../core/release/peers.ts';
import { peerRefs } from '../../../core/release/build.ts';
import { figureCentre, visibleState } from '../../../core/release/read.ts';
import { refDecimals } from '../../../i18n/explain.ts';
import { formatNumber, localize } from '../../../i18n/i18n.ts';
import { reportT } from '../../../i18n/report.ts';
import { sizeGroupLabel } from '../../figures/labels.ts';
import { dimensionLabel, sectorLabel, sizeBandLabel } from './labels.ts';
import type { BenchmarkSection, GroupRef, PeerFigure, RankingRow, RankingSection } from './types.ts';

export interface PeerComparison {
  section: BenchmarkSection;
  /** Figures of the comparison group, by ref (including the competencies' mean ranks). */
  comparisonFigures: Readonly<Record<string, PeerFigure>> | null;
  /** The same as the release shows them. */
  comparisonShown: Readonly<Record<string, ShownLeaf>> | null;
}

/**
 * The organisation's official comparison set when it has one with figures (as KL's comparison
 * municipalities are used); else "most similar", the natural peer group; all, if neither has.
 */
const COMPARISON_ORDER = ['comparison', 'similar', 'all'] as const;

export function comparePeers(
  instrument: Instrument,
  release: { readonly number: number },
  peers: readonly PeerGroupView[],
  own: { sector: string; sizeBand: string | null; values: Readonly<Record<string, number | null>> },
  k: number,
  lang: Lang,
): PeerComparison {
  const config = instrument.def.benchmark;
  const empty: PeerComparison = {
    section: { k, comparison: null, groups: [], dimensions: [] },
    comparisonFigures: null,
    comparisonShown: null,
  };
  if (!config || peers.length === 0) return empty;
  const groups = peers.map((p) => groupRef(release, p, own, instrument, lang));
  const figuresOf = (p: PeerGroupView) =>
    Object.fromEntries(
      peerRefs(instrument).map((ref) => [
        ref,
        peerFigure(p.figures[ref]?.shown, p.figures[ref]?.percentile ?? null),
      ]),
    );
  const withFigures = (p: PeerGroupView) => p.state.publication !== null && p.state.kind !== 'best';
  const comparisonAt = COMPARISON_ORDER.map((kind) =>
    peers.findIndex((p) => p.state.kind === kind && withFigures(p)),
  ).find((i) => i >= 0);
  const indexRef = instrument.def.index;
  const refs = [...new Set([...(indexRef ? [indexRef] : []), ...config.refs])];
  return {
    section: {
      k,
      comparison: comparisonAt === undefined ? null : groups[comparisonAt]!,
      groups,
      dimensions: refs.map((ref) => ({
        ref,
        label: dimensionLabel(instrument, ref, lang),
        decimals: refDecimals(instrument, ref),
        value: own.values[ref] ?? null,
        figures: Object.fromEntries(peers.map((p, i) => [groups[i]!.id, figuresOf(p)[ref]!])),
      })),
    },
    comparisonFigures: comparisonAt === undefined ? null : figuresOf(peers[comparisonAt]!),
    comparisonShown:
      comparisonAt === undefined
        ? null
        : Object.fromEntries(Object.entries(peers[comparisonAt]!.figures).map(([ref, f]) => [ref, f.shown])),
  };
}

/** A release's shown quartiles as the report's peer figure, with the organisation's place. */
export function peerFigure(shown: ShownLeaf | undefined, place: ShownPercentile | null): PeerFigure {
  if (shown?.kind !== 'quantiles') return { status: 'too-few' };
  const quarter = place?.quarter ?? null;
  if (shown.exact) return { status: 'ok', n: shown.n, ...shown.exact, quarter };
  if (shown.band) return { status: 'banded', n: shown.n, band: [shown.band[0], shown.band[1]], quarter };
  return { status: 'too-few' };
}

function groupRef(
  content: { readonly number: number },
  p: PeerGroupView,
  own: { sector: string; sizeBand: string | null },
  instrument: Instrument,
  lang: Lang,
): GroupRef {
  const t = reportT(lang);
  const kind = p.state.kind;
  const share = instrument.def.benchmark?.bestPractice.topShare ?? 0.25;
  // `size:kommune/small` names its sector and band (releases before name the band alone).
  const sized = p.state.group.slice('size:'.length).split('/');
  const label =
    kind === 'sector'
      ? t('groups.sector', { sector: sectorLabel(own.sector, lang) })
      : kind === 'size'
        ? sized.length === 2
          ? t('groups.sizeWords', { size: sizeGroupLabel(sized[0]!, sized[1]!, lang, instrument) })
          : t('groups.size', { size: sizeBandLabel(own.sizeBand, lang) ?? '' })
        : kind === 'best'
          ? t('groups.best', { share: formatNumber(share * 100, 0, lang) })
          : t(`groups.${kind}`);
  const visible = visibleState(content, p.state);
  return {
    id: p.state.group,
    kind,
    label,
    shortLabel: t(`groupsShort.${kind}`),
    size: p.state.publication?.size ?? null,
    member: p.member,
    ...visible,
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
  const figures = comparison.comparisonShown;
  const peer = instrument.def.competencies
    .map((c, i) => ({ id: c.id, i, centre: figureCentre(figures?.[c.rank]) }))
    .filter((p): p is { id: string; i: number; centre: number } => p.centre !== null)
    .sort((a, b) => a.centre - b.centre || a.i - b.i);
  const peerPlace = new Map(peer.map((p, place) => [p.id, { place: place + 1, median: p.centre }]));
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
