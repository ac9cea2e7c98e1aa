/**
 * A figure's JSON from its leaves as they may be shown (a suppressed leaf is null), plus the
 * numbers that follow from shown ones: places in a ranking, differences between two groups.
 * Derived numbers are computed here and nowhere else, and only from shown numbers.
 */
import type { FigureDef } from '../instrument/schema.ts';
import type { Instrument } from '../instrument/types.ts';
import type { LeafPlan } from './plan.ts';

/** A leaf as it may be published. */
export type ShownLeaf =
  /** `n`: the organisations behind the figure, null when that count is itself not shown. */
  | { readonly kind: 'value'; readonly value: number | null; readonly n: number | null }
  | {
      readonly kind: 'quantiles';
      readonly n: number | null;
      /** Exact quartiles, only from large enough groups. */
      readonly exact: { readonly q1: number; readonly median: number; readonly q3: number } | null;
      /** The band the median lies in, for smaller groups. */
      readonly band: readonly [number, number] | null;
    }
  | { readonly kind: 'counts'; readonly n: number | null; readonly counts: readonly (number | null)[] };

export type Json = null | number | string | boolean | Json[] | { [key: string]: Json };

export function figureJson(
  instrument: Instrument,
  figure: FigureDef,
  leaves: readonly LeafPlan[],
  shown: readonly ShownLeaf[],
): Json {
  const out: { [key: string]: Json } = {};
  const set = (path: readonly string[], value: Json) => {
    let node = out;
    path.slice(0, -1).forEach((k) => {
      if (typeof node[k] !== 'object' || node[k] === null) node[k] = {};
      node = node[k] as { [key: string]: Json };
    });
    node[path[path.length - 1]!] = value;
  };
  leaves.forEach((leaf, i) => {
    const s = shown[i]!;
    if (s.kind === 'counts' && (leaf.kind === 'distribution' || leaf.kind === 'stages')) {
      leaf.categories.forEach((c, k) => set([c], s.counts[k] ?? null));
    } else if (s.kind === 'quantiles') {
      // One shape whatever is shown: exact quartiles, or only the median's band, or nothing.
      set(
        leaf.path,
        s.exact || s.band
          ? {
              n: s.n,
              q1: s.exact?.q1 ?? null,
              median: s.exact?.median ?? null,
              q3: s.exact?.q3 ?? null,
              band: s.band ? [s.band[0], s.band[1]] : null,
            }
          : null,
      );
    } else if (s.kind === 'value') {
      if (leaf.path.length === 0) return;
      set(leaf.path, s.value);
    }
  });
  if (figure.ratio) {
    const s = shown[0];
    return s?.kind === 'value' ? s.value : null;
  }
  if (figure.ranking !== undefined) addPlaces(instrument, figure, out);
  if (figure.compare !== undefined) {
    addDifferences(instrument, figure, out);
    // The organisations compared: those with respondents in both groups.
    const n = shown.flatMap((s) => (s.kind === 'value' && s.value !== null && s.n !== null ? [s.n] : []));
    out.organisations = n.length === 0 ? null : Math.max(...n);
  }
  return out;
}

type Obj = { [key: string]: Json };

/**
 * a − b, with values that differ only by the order they were summed in counted as equal: a
 * tie must be broken by the instrument's order, not by the last bit of a mean.
 */
const compareNumbers = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b)) ? 0 : a - b;
const num = (x: Json | undefined): number | null => (typeof x === 'number' ? x : null);

/**
 * The place rule of a priority list, for options given in the instrument's order: by share
 * (highest first) where there is one, then by mean rank (lowest first), then in that order.
 * An option with neither number gets no place (null).
 */
export function rankPlaces(
  rows: readonly { readonly share: number | null; readonly meanRank: number | null }[],
): (number | null)[] {
  const order = rows
    .map((r, i) => ({ ...r, i }))
    .filter((r) => r.meanRank !== null || r.share !== null)
    .sort(
      (a, b) =>
        compareNumbers(b.share ?? 1, a.share ?? 1) ||
        compareNumbers(a.meanRank ?? Infinity, b.meanRank ?? Infinity) ||
        a.i - b.i,
    );
  const out: (number | null)[] = rows.map(() => null);
  order.forEach((r, p) => (out[r.i] = p + 1));
  return out;
}

/**
 * Places in a ranking: by share (highest first) where there is one, then by mean rank (lowest
 * first), then in the instrument's order. Options without a shown figure get no place.
 */
function addPlaces(instrument: Instrument, figure: FigureDef, out: Obj): void {
  const item = instrument.itemById.get(figure.ranking!);
  if (item?.def.type !== 'ranking') return;
  const options = item.def.options.map((o) => o.value);
  const place = (
    get: (option: string) => Obj | undefined,
    set: (option: string, p: number | null) => void,
  ) => {
    const places = rankPlaces(
      options.map((o) => ({ share: num(get(o)?.share), meanRank: num(get(o)?.meanRank) })),
    );
    options.forEach((o, i) => set(o, places[i]!));
  };
  if (figure.groups) {
    for (const g of figure.groups)
      place(
        (o) => (out[o] as Obj | undefined)?.[g] as Obj | undefined,
        (o, p) => {
          const node = ((out[o] as Obj | undefined) ?? (out[o] = {})) as Obj;
          const inner = ((node[g] as Obj | undefined) ?? (node[g] = {})) as Obj;
          inner.place = p;
        },
      );
    if (figure.groups.length === 2) {
      const [a, b] = figure.groups;
      for (const o of options) {
        const node = out[o] as Obj;
        const pa = num((node[a!] as Obj | undefined)?.place);
        const pb = num((node[b!] as Obj | undefined)?.place);
        node.placeGap = pa === null || pb === null ? null : pa - pb;
      }
    }
  } else {
    place(
      (o) => out[o] as Obj | undefined,
      (o, p) => {
        const node = ((out[o] as Obj | undefined) ?? (out[o] = {})) as Obj;
        node.place = p;
      },
    );
  }
}

/** Two groups side by side: the difference a − b per row, and each group's order of the ranks. */
function addDifferences(instrument: Instrument, figure: FigureDef, out: Obj): void {
  const c = instrument.comparisons.find((x) => x.id === figure.compare);
  if (!c) return;
  const [a, b] = c.groups;
  const rows = (out.rows ?? {}) as Obj;
  for (const row of Object.values(rows) as Obj[]) {
    const x = num(row[a]);
    const y = num(row[b]);
    row.difference = x === null || y === null ? null : x - y;
  }
  const ranks = [...instrument.slotById.values()].filter((s) => s.kind === 'rank').map((s) => s.id);
  const places: Obj = {};
  for (const g of c.groups) {
    const order = ranks
      .map((id, i) => ({ id, i, v: num((rows[id] as Obj | undefined)?.[g]) }))
      .filter((r) => r.v !== null)
      .sort((p, q) => compareNumbers(p.v!, q.v!) || p.i - q.i);
    for (const id of ranks) ((places[id] as Obj | undefined) ?? (places[id] = {}))[g] = null;
    order.forEach((r, p) => ((places[r.id] as Obj)[g] = p + 1));
  }
  out.groups = [a, b];
  out.places = places;
}
