/**
 * Reading a release: a group's figures in the shape the instrument declares (the sector
 * figures' JSON), and the change between two of them. Everything a report, the open data or
 * the API shows of a round comes through here.
 */
import { figureJson, type Json, type ShownLeaf } from '../figures/assemble.ts';
import { figurePlans } from '../figures/plan.ts';
import type { Instrument } from '../instrument/types.ts';
import { placeComparisons, placeComparisonsJson } from './place-comparison.ts';
import type { GroupState, Publication, ReleaseContent } from './types.ts';

export function groupState(content: ReleaseContent, group: string): GroupState | undefined {
  return content.groups.find((g) => g.group === group);
}

/** Every figure of a publication, by figure id, as it may be shown (suppressed numbers are null). */
export function publicationFigures(instrument: Instrument, pub: Publication): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const plan of figurePlans(instrument)) {
    const shown = pub.sector?.[plan.figure.id];
    if (shown) out[plan.figure.id] = figureJson(instrument, plan.figure, plan.leaves, shown);
  }
  return out;
}

export interface SectorFiguresJson {
  readonly round: string;
  readonly instrument: string;
  readonly organisations: number;
  /** Null when the total would let a few organisations' respondents be counted (see docs/disclosure.md). */
  readonly respondents: number | null;
  readonly [figure: string]: Json | undefined;
}

/**
 * The sector figures of one group (the whole round by default) in the shape of the contract
 * (`instrument-spec.md`): `round`, `organisations`, `respondents`, then one key per figure, plus
 * `release` (which release and when), and for the whole round `bySector` (when the instrument
 * asks) and `placeComparisons` (where groups disagree on a priority list: place-comparison.ts).
 * Null when the group has no publication to show.
 */
export function sectorFiguresJson(
  instrument: Instrument,
  round: string,
  content: ReleaseContent,
  group = 'all',
): SectorFiguresJson | null {
  const pub = groupState(content, group)?.publication;
  if (!pub?.sector) return null;
  const places = group === 'all' ? placeComparisons(instrument, content) : [];
  return {
    round,
    instrument: instrument.id,
    organisations: pub.size,
    respondents: pub.respondents,
    ...publicationFigures(instrument, pub),
    ...(instrument.def.bySector && group === 'all' ? { bySector: bySector(instrument, content) } : {}),
    ...(places.length > 0 ? { placeComparisons: placeComparisonsJson(places) } : {}),
    release: {
      number: content.number,
      at: content.at,
      final: content.final,
      k: content.policy.k,
      figuresOf: pub.release,
    },
  };
}

/**
 * The figures of every sector group the release shows (a sector it holds back is left out):
 * the same publications the sector report reads, so nothing new is disclosed.
 */
function bySector(instrument: Instrument, content: ReleaseContent): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const g of content.groups) {
    if (!g.group.startsWith('sector:') || !g.publication?.sector) continue;
    out[g.group.slice('sector:'.length)] = {
      organisations: g.publication.size,
      respondents: g.publication.respondents,
      ...publicationFigures(instrument, g.publication),
    };
  }
  return out;
}

/** current − previous for every number of the same nested shape; null where either is missing. */
export function change(current: Json | undefined, previous: Json | undefined): Json {
  if (typeof current === 'number' && typeof previous === 'number') return current - previous;
  if (
    current &&
    typeof current === 'object' &&
    !Array.isArray(current) &&
    previous &&
    typeof previous === 'object' &&
    !Array.isArray(previous)
  ) {
    const out: Record<string, Json> = {};
    for (const [key, value] of Object.entries(current)) {
      if (key === 'round' || key === 'release' || key === 'instrument') continue;
      out[key] = change(value, (previous as Record<string, Json>)[key]);
    }
    return out;
  }
  return null;
}

/** What a viewer may be told about a group's state: never more than its figures say. */
export type VisibleStatus = 'current' | 'earlier' | 'not-shown';
export type VisibleReason = 'too-few' | 'overlap' | 'complementary' | 'withheld';

export interface VisibleState {
  readonly status: VisibleStatus;
  /** Why nothing is shown (only for not-shown). */
  readonly reason: VisibleReason | null;
  /** The release the figures shown were made in. */
  readonly figuresOf: number | null;
}

/** A group's state as a viewer reads it (the release stores nothing more than this). */
export function visibleState(content: Pick<ReleaseContent, 'number'>, state: GroupState): VisibleState {
  const pub = state.publication;
  if (pub)
    return {
      status: pub.release === content.number ? 'current' : 'earlier',
      reason: null,
      figuresOf: pub.release,
    };
  return { status: 'not-shown', reason: state.reason ?? 'withheld', figuresOf: null };
}

/** The middle of a shown quantile figure: its median, or the middle of its band; null without either. */
export function figureCentre(shown: ShownLeaf | undefined): number | null {
  if (shown?.kind !== 'quantiles') return null;
  if (shown.exact) return shown.exact.median;
  return shown.band ? (shown.band[0] + shown.band[1]) / 2 : null;
}
