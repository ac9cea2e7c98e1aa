/**
 * An organisation's score in the compact form it is stored in, so that sector figures and
 * peer groups at national and EU scale read one short row per organisation instead of every
 * respondent's answers. The row is derived data: it is recomputed from the submissions when
 * they change, and whenever SCORING_VERSION or the instrument's value layout changes.
 */
import type { OrganisationData } from '../exchange/types.ts';
import type { Instrument } from '../instrument/types.ts';
import { placeStage } from '../stages/place.ts';
import { numericAnswerIds, type Values } from './measures.ts';
import { groupValues } from './organisation.ts';

/**
 * Bump when a change to the scoring or stage rules in code (not in an instrument file) would
 * change a stored score: stored rows of an older version are recomputed on first use.
 */
export const SCORING_VERSION = 1;

export interface StoredScore {
  readonly respondents: number;
  /** Stage id, or null when not even the first stage's requirements hold. */
  readonly stage: string | null;
  /** Every value of `valueLayout`, in that order; NaN where there is no value. */
  readonly values: Float64Array;
}

const layoutCache = new WeakMap<Instrument, readonly string[]>();

/** The ids whose values a stored score holds, in order: numeric answers, then measures. */
export function valueLayout(instrument: Instrument): readonly string[] {
  let layout = layoutCache.get(instrument);
  if (!layout) {
    layout = [...numericAnswerIds(instrument), ...instrument.measures.map((m) => m.id)];
    layoutCache.set(instrument, layout);
  }
  return layout;
}

export function storedScore(instrument: Instrument, org: OrganisationData): StoredScore {
  const { values } = groupValues(instrument, org.respondents);
  return {
    respondents: org.respondents.length,
    stage: instrument.def.stages.length > 0 ? placeStage(instrument, values).stage : null,
    values: encodeValues(instrument, values),
  };
}

export function encodeValues(instrument: Instrument, values: Values): Float64Array {
  const layout = valueLayout(instrument);
  const out = new Float64Array(layout.length);
  for (let i = 0; i < layout.length; i++) out[i] = values[layout[i]!] ?? Number.NaN;
  return out;
}

/** The values of the given ids only (what a benchmark or a sector figure needs). */
export function decodeValues(
  instrument: Instrument,
  encoded: Float64Array,
  ids: readonly string[] = valueLayout(instrument),
): Values {
  const position = positionsOf(instrument);
  const out: Record<string, number | null> = {};
  for (const id of ids) {
    const at = position.get(id);
    const v = at === undefined ? Number.NaN : encoded[at]!;
    out[id] = Number.isNaN(v) ? null : v;
  }
  return out;
}

/** Where `id` sits in the value layout, or undefined when a stored score has no such value. */
export function valuePosition(instrument: Instrument, id: string): number | undefined {
  return positionsOf(instrument).get(id);
}

const positionCache = new WeakMap<Instrument, ReadonlyMap<string, number>>();

function positionsOf(instrument: Instrument): ReadonlyMap<string, number> {
  let map = positionCache.get(instrument);
  if (!map) {
    map = new Map(valueLayout(instrument).map((id, i) => [id, i]));
    positionCache.set(instrument, map);
  }
  return map;
}

/** Identifies a layout, so a stored row made under another layout is never misread. */
export function layoutKey(instrument: Instrument): string {
  return `${SCORING_VERSION}:${instrument.id}@${instrument.version}:${valueLayout(instrument).length}`;
}
