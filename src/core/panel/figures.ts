/**
 * The figures of a panel of individuals: weighted shares of the respondents who answered an
 * item (Σ w·[chosen] / Σ w), each with a 95 % Wilson interval on Kish's effective n, for the
 * whole panel and broken down by background items. Breakdown cells follow the rule in
 * `cellsShown`; nothing outside this module computes a panel figure.
 */
import { isMissing, numericValue } from '../answers/values.ts';
import type { Json } from '../figures/assemble.ts';
import type { Instrument } from '../instrument/types.ts';
import { kishEffectiveN, wilsonInterval } from './intervals.ts';
import { MIN_CELL_FLOOR, type PanelDef, type PanelRespondent } from './schema.ts';

export interface WeightedShare {
  readonly share: number;
  readonly ci95: [number, number];
  /** Respondents who answered the item (unweighted). */
  readonly n: number;
  readonly nEffective: number;
}

/** The published categories of an item: a scale item's named groups of points, or a choice's options. */
export function panelCategories(instrument: Instrument, panel: PanelDef, item: string): string[] {
  const slot = instrument.slotById.get(item);
  if (slot?.kind === 'choice') return [...slot.values];
  return Object.keys(panel.categories);
}

function chose(instrument: Instrument, panel: PanelDef, item: string, category: string, r: PanelRespondent) {
  const v = r.answers[item];
  const slot = instrument.slotById.get(item);
  if (slot?.kind === 'choice') return Array.isArray(v) ? v.includes(category) : v === category;
  const x = numericValue(v);
  return x !== null && (panel.categories[category] ?? []).includes(x);
}

const answered = (r: PanelRespondent, item: string) => !isMissing(r.answers[item]);

/** Every category's weighted share among the given respondents who answered the item. */
export function weightedShares(
  instrument: Instrument,
  panel: PanelDef,
  item: string,
  respondents: readonly PanelRespondent[],
): Record<string, WeightedShare> | null {
  const who = respondents.filter((r) => answered(r, item));
  if (who.length === 0) return null;
  const weights = who.map((r) => r.weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const nEffective = kishEffectiveN(weights);
  const out: Record<string, WeightedShare> = {};
  for (const c of panelCategories(instrument, panel, item)) {
    let w = 0;
    for (const r of who) if (chose(instrument, panel, item, c, r)) w += r.weight;
    const share = w / total;
    out[c] = { share, ci95: wilsonInterval(share, nEffective)!, n: who.length, nEffective };
  }
  return out;
}

/**
 * Which cells of one breakdown of one item may be shown. A cell is shown with at least
 * `minCell` respondents who answered the item. Because the whole panel's figure is shown too,
 * the cells not shown (and the respondents without the background answer) could be recovered
 * together by subtraction; so while they hold between 1 and minCell − 1 respondents, the
 * smallest shown cell is held back as well.
 */
export function cellsShown(
  counts: ReadonlyMap<string, number>,
  unassigned: number,
  minCell: number,
): Set<string> {
  const shown = new Set([...counts].filter(([, n]) => n >= minCell).map(([c]) => c));
  let hidden = unassigned + [...counts].filter(([c]) => !shown.has(c)).reduce((s, [, n]) => s + n, 0);
  while (hidden > 0 && hidden < minCell && shown.size > 0) {
    const smallest = [...shown].sort((a, b) => counts.get(a)! - counts.get(b)! || (a < b ? -1 : 1))[0]!;
    shown.delete(smallest);
    hidden += counts.get(smallest)!;
  }
  return shown;
}

export interface PanelFiguresOptions {
  /** The round's minimum cell size (default the instrument's; raised to 5 if set lower). */
  readonly minCell?: number;
}

export function panelFigures(
  instrument: Instrument,
  respondents: readonly PanelRespondent[],
  options: PanelFiguresOptions = {},
): { [key: string]: Json } {
  const panel = instrument.def.panel!;
  const minCell = Math.max(MIN_CELL_FLOOR, options.minCell ?? panel.minCell);
  const shares: { [key: string]: Json } = {};
  for (const item of panel.items) {
    const n = respondents.filter((r) => answered(r, item)).length;
    shares[item] = n >= minCell ? toJson(weightedShares(instrument, panel, item, respondents)) : null;
  }
  const breakdowns: { [key: string]: Json } = {};
  for (const by of panel.breakdowns) {
    const slot = instrument.slotById.get(by);
    const values = slot?.kind === 'choice' ? slot.values : [];
    const cells: { [key: string]: { respondents: number | null; shares: { [key: string]: Json } } } = {};
    const members = new Map(values.map((v) => [v, respondents.filter((r) => r.answers[by] === v)]));
    const memberCounts = new Map(values.map((v) => [v, members.get(v)!.length]));
    const membersShown = cellsShown(memberCounts, respondents.length - sum(memberCounts), minCell);
    for (const v of values)
      cells[v] = { respondents: membersShown.has(v) ? memberCounts.get(v)! : null, shares: {} };
    for (const item of panel.items) {
      const counts = new Map(values.map((v) => [v, members.get(v)!.filter((r) => answered(r, item)).length]));
      const unassigned = respondents.filter((r) => answered(r, item)).length - sum(counts);
      const shown = cellsShown(counts, unassigned, minCell);
      for (const v of values)
        cells[v]!.shares[item] = shown.has(v)
          ? toJson(weightedShares(instrument, panel, item, members.get(v)!))
          : null;
    }
    breakdowns[by] = cells;
  }
  return {
    instrument: instrument.id,
    respondents: respondents.length,
    weightSum: respondents.reduce((s, r) => s + r.weight, 0),
    nEffective: kishEffectiveN(respondents.map((r) => r.weight)),
    minCell,
    shares,
    breakdowns,
  };
}

const sum = (m: ReadonlyMap<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

function toJson(shares: Record<string, WeightedShare> | null): Json {
  if (!shares) return null;
  const out: { [key: string]: Json } = {};
  for (const [c, s] of Object.entries(shares))
    out[c] = { share: s.share, ci95: [s.ci95[0], s.ci95[1]], n: s.n, nEffective: s.nEffective };
  return out;
}
