/**
 * What the figures engine knows about one organisation: one row of numbers per organisation
 * (stored pre-aggregated, so that figures over a hundred thousand organisations never read
 * their respondents' answers). The layout follows from the instrument:
 *
 * - every numeric answer's mean over the respondents who gave it, then every measure
 *   computed from those means ("organisation mean first");
 * - every option of every choice item: the share (0–1) of the item's respondents who chose it;
 *   for a partial ranking, every option: the share of the ranking's respondents who ranked it;
 * - for every respondent group in a comparison: its number of respondents and its means of
 *   the compared answers (scale items and ranks);
 * - for respondent-level figures (`per: respondent`): counts, per group, of respondents who
 *   answered and who chose each option, so that shares over respondents add up across
 *   organisations.
 *
 * References name the values: `how.data.q1`, `index`, `reflection.barrier=budget` (share),
 * `@business:how.data.q1` (group mean), `@business#` (group size),
 * `@*:focus.talent#n` / `@*:focus.talent#` (respondents who ranked it / answered the ranking).
 */
import type { FigureDef, RespondentGroupDef } from '../instrument/schema.ts';
import { isNumericSlot } from '../instrument/scored-choice.ts';
import type { Instrument } from '../instrument/types.ts';

/** Bump when a change in code (not in an instrument file) changes any stored value. */
export const SCORING_VERSION = 2;

/** Every respondent, as a group of its own for respondent-level figures. */
export const ALL_RESPONDENTS = '*';

export const shareRef = (item: string, option: string) => `${item}=${option}`;
export const groupMeanRef = (group: string, id: string) => `@${group}:${id}`;
export const groupSizeRef = (group: string) => `@${group}#`;
/** Respondents of the group who answered the item (a ranking: ranked at least one option). */
export const answeredCountRef = (group: string, item: string) => `@${group}:${item}#`;
/** Respondents of the group who chose the option (a rank answer id: ranked that option). */
export const chosenCountRef = (group: string, slot: string, option?: string) =>
  option === undefined ? `@${group}:${slot}#n` : `@${group}:${slot}=${option}#n`;
/** Sum of the ranks the group's respondents gave an option (for pooled mean ranks). */
export const rankSumRef = (group: string, rankAnswer: string) => `@${group}:${rankAnswer}#sum`;

/** How one stored value is computed from an organisation's respondents. */
export type Stat =
  | { readonly kind: 'mean'; readonly id: string }
  | { readonly kind: 'measure'; readonly id: string }
  | { readonly kind: 'flag'; readonly index: number }
  | { readonly kind: 'share'; readonly slot: string; readonly option: string }
  | { readonly kind: 'ranked'; readonly slot: string; readonly item: string }
  | { readonly kind: 'groupSize'; readonly group: string }
  | { readonly kind: 'groupMean'; readonly group: string; readonly id: string }
  | { readonly kind: 'answered'; readonly group: string; readonly item: string }
  | { readonly kind: 'chosen'; readonly group: string; readonly slot: string; readonly option?: string }
  | { readonly kind: 'rankSum'; readonly group: string; readonly slot: string };

export interface ValueLayout {
  readonly ids: readonly string[];
  readonly stats: readonly Stat[];
  readonly position: ReadonlyMap<string, number>;
  /** Numeric answer ids (scale, rank, number), in instrument order. */
  readonly numeric: readonly string[];
  /** The groups whose means are stored (those in a comparison). */
  readonly comparedGroups: readonly RespondentGroupDef[];
  /** The answer ids compared between groups (scale items and ranks). */
  readonly compared: readonly string[];
}

const cache = new WeakMap<Instrument, ValueLayout>();

export function valueLayout(instrument: Instrument): ValueLayout {
  let layout = cache.get(instrument);
  if (!layout) cache.set(instrument, (layout = buildLayout(instrument)));
  return layout;
}

function buildLayout(instrument: Instrument): ValueLayout {
  const slots = [...instrument.slotById.values()];
  const numeric = slots.filter(isNumericSlot).map((s) => s.id);
  const stats: { id: string; stat: Stat }[] = [];
  const push = (id: string, stat: Stat) => stats.push({ id, stat });
  for (const id of numeric) push(id, { kind: 'mean', id });
  for (const m of instrument.measures) push(m.id, { kind: 'measure', id: m.id });
  instrument.def.flags.forEach((f, index) => push(f.id, { kind: 'flag', index }));
  for (const s of slots) {
    if (s.kind === 'choice')
      for (const option of s.values) push(shareRef(s.id, option), { kind: 'share', slot: s.id, option });
    if (s.kind === 'rank' && s.item.maxRanked !== undefined)
      push(shareRef(s.id, 'ranked'), { kind: 'ranked', slot: s.id, item: s.item.id });
  }

  const inComparison = new Set(instrument.comparisons.flatMap((c) => c.groups));
  const comparedGroups = instrument.respondentGroups.filter((g) => inComparison.has(g.id));
  const compared = slots.filter((s) => s.kind === 'scale' || s.kind === 'rank').map((s) => s.id);
  for (const g of comparedGroups) {
    push(groupSizeRef(g.id), { kind: 'groupSize', group: g.id });
    for (const id of compared) push(groupMeanRef(g.id, id), { kind: 'groupMean', group: g.id, id });
  }

  for (const { group, figure } of respondentLevel(instrument)) {
    const add = (id: string, stat: Stat) => {
      if (!stats.some((s) => s.id === id)) push(id, stat);
    };
    if (figure.shares) {
      for (const item of figure.shares) {
        const slot = instrument.slotById.get(item);
        if (slot?.kind !== 'choice') continue;
        add(answeredCountRef(group, item), { kind: 'answered', group, item });
        for (const option of slot.values)
          add(chosenCountRef(group, item, option), { kind: 'chosen', group, slot: item, option });
      }
    }
    if (figure.ranking) {
      const item = instrument.itemById.get(figure.ranking);
      if (!item) continue;
      add(answeredCountRef(group, figure.ranking), { kind: 'answered', group, item: figure.ranking });
      for (const slot of item.slots) {
        add(chosenCountRef(group, slot.id), { kind: 'chosen', group, slot: slot.id });
        add(rankSumRef(group, slot.id), { kind: 'rankSum', group, slot: slot.id });
      }
    }
  }
  const ids = stats.map((s) => s.id);
  return {
    ids,
    stats: stats.map((s) => s.stat),
    position: new Map(ids.map((id, i) => [id, i])),
    numeric,
    comparedGroups,
    compared,
  };
}

/** The (group, figure) pairs counted over respondents: every group a figure names, or all. */
export function respondentLevel(instrument: Instrument): { group: string; figure: FigureDef }[] {
  return instrument.figures
    .filter((f) => f.per === 'respondent')
    .flatMap((f) => (f.groups ?? [ALL_RESPONDENTS]).map((group) => ({ group, figure: f })));
}

/** Identifies a layout, so a stored row made under another layout is never misread. */
export function layoutKey(instrument: Instrument): string {
  return `${SCORING_VERSION}:${instrument.id}@${instrument.version}:${valueLayout(instrument).ids.length}`;
}

export function valuePosition(instrument: Instrument, id: string): number | undefined {
  return valueLayout(instrument).position.get(id);
}

/** The values of the given ids (null where there is none) from a stored row. */
export function decodeValues(
  instrument: Instrument,
  encoded: ArrayLike<number>,
  ids: readonly string[] = valueLayout(instrument).ids,
): Record<string, number | null> {
  const { position } = valueLayout(instrument);
  const out: Record<string, number | null> = {};
  for (const id of ids) {
    const at = position.get(id);
    const v = at === undefined || at >= encoded.length ? Number.NaN : encoded[at]!;
    out[id] = Number.isNaN(v) ? null : v;
  }
  return out;
}
